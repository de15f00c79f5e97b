using System.Text;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// A pass test file: <c>-- name</c> lines start sections (<c>input</c>, <c>pass</c>, <c>output</c>), as
/// in ubpf and Cranelift file tests. Sections keep their order; bodies have no trailing blank lines.
/// </summary>
internal sealed class IrTestFile
{
    private readonly List<(string Name, string Body)> _sections = [];

    /// <summary>A section's body, or null.</summary>
    public string? this[string name] => _sections.Find(s => s.Name == name).Body;

    /// <summary>Parses a file's text.</summary>
    public static IrTestFile Parse(string text)
    {
        var file = new IrTestFile();
        string? name = null;
        var body = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("-- ", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    file.Set(name, body.ToString());
                }
                name = line[3..].Trim();
                body.Clear();
            }
            else if (name is not null)
            {
                body.Append(line).Append('\n');
            }
            else if (line.Trim().Length > 0)
            {
                throw new FormatException($"text before the first section: '{line}'");
            }
        }
        if (name is not null)
        {
            file.Set(name, body.ToString());
        }
        return file;
    }

    /// <summary>Sets (or adds at the end) a section.</summary>
    public void Set(string name, string body)
    {
        var text = body.TrimEnd('\n', ' ');
        var k = _sections.FindIndex(s => s.Name == name);
        if (k >= 0)
        {
            _sections[k] = (name, text);
        }
        else
        {
            _sections.Add((name, text));
        }
    }

    /// <summary>The file's text, one blank line between sections.</summary>
    public override string ToString() =>
        string.Join("\n", _sections.Select(s => $"-- {s.Name}\n{s.Body}\n"));
}
