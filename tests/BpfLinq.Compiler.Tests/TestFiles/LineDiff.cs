using System.Text;

namespace BpfLinq.Compiler.Tests.TestFiles;

/// <summary>A unified-style line diff (longest common subsequence), for golden and pass file mismatches.</summary>
internal static class LineDiff
{
    /// <summary>Lines prefixed with ' ', '-' (expected only) or '+' (actual only); unchanged runs far from a change are elided.</summary>
    public static string Unified(string expected, string actual, int context = 3)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var lines = new List<(char Tag, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', a[x++])); // removals before additions, as diff prints them
            }
            else
            {
                lines.Add(('+', b[y++]));
            }
        }
        var keep = new bool[lines.Count];
        for (var k = 0; k < lines.Count; k++)
        {
            if (lines[k].Tag != ' ')
            {
                for (var c = Math.Max(0, k - context); c <= Math.Min(lines.Count - 1, k + context); c++)
                {
                    keep[c] = true;
                }
            }
        }
        var sb = new StringBuilder();
        var elided = false;
        for (var k = 0; k < lines.Count; k++)
        {
            if (!keep[k])
            {
                if (!elided)
                {
                    sb.Append("  ...\n");
                }
                elided = true;
                continue;
            }
            elided = false;
            sb.Append(lines[k].Tag).Append(' ').Append(lines[k].Text).Append('\n');
        }
        return sb.ToString();
    }
}
