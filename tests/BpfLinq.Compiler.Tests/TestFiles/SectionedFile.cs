using System.Text;

namespace BpfLinq.Compiler.Tests.TestFiles;

/// <summary>
/// A test file of named sections in the ubpf/Cranelift style, read and written by the golden tests
/// and the pass file tests alike:
/// <code>
/// -- case
/// Operators/LessThan.uint
/// -- kind
/// SocketFilter
/// ...
/// </code>
/// Sections keep their order; bodies are stored without trailing blanks on their lines or trailing
/// blank lines.
/// </summary>
internal sealed class SectionedFile
{
    private readonly List<(string Name, string Body)> _sections = [];

    /// <summary>The sections in order.</summary>
    public IReadOnlyList<(string Name, string Body)> Sections => _sections;

    /// <summary>Adds (or replaces) a section.</summary>
    public SectionedFile Set(string name, string body)
    {
        var text = string.Join('\n', body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()));
        var i = _sections.FindIndex(s => s.Name == name);
        if (i >= 0)
        {
            _sections[i] = (name, text);
        }
        else
        {
            _sections.Add((name, text));
        }
        return this;
    }

    /// <summary>A section's body, or null.</summary>
    public string? Get(string name) => _sections.FirstOrDefault(s => s.Name == name).Body;

    /// <summary>Parses the text of a sectioned file.</summary>
    public static SectionedFile Parse(string text)
    {
        var file = new SectionedFile();
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

    /// <summary>The file's text: each section header and body, one blank line between sections.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, body) in _sections)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }
            sb.Append("-- ").Append(name).Append('\n');
            if (body.Length > 0)
            {
                sb.Append(body).Append('\n');
            }
        }
        return sb.ToString();
    }
}
