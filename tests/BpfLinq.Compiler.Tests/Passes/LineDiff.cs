using System.Text;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>A line diff (longest common subsequence) for expected-output mismatches: ' ' kept, '-' expected only, '+' actual only.</summary>
internal static class LineDiff
{
    /// <summary>The diff of <paramref name="expected"/> against <paramref name="actual"/>.</summary>
    public static string Of(string expected, string actual)
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
        var sb = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                sb.Append("  ").Append(a[x++]).Append('\n');
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                sb.Append("- ").Append(a[x++]).Append('\n');
            }
            else
            {
                sb.Append("+ ").Append(b[y++]).Append('\n');
            }
        }
        return sb.ToString();
    }
}
