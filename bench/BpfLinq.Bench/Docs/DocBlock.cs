namespace BpfLinq.Bench.Docs;

/// <summary>
/// A block of a Markdown file in docs/ that a command writes, so the numbers there are never
/// typed by hand. It sits between <c>&lt;!-- generated: NAME --&gt;</c> and
/// <c>&lt;!-- end generated: NAME --&gt;</c>; the lines outside are the author's.
/// </summary>
internal static class DocBlock
{
    /// <summary>Replaces block <paramref name="name"/> of docs/<paramref name="file"/> with <paramref name="text"/>.</summary>
    /// <exception cref="InvalidOperationException">The file has no such block.</exception>
    public static void Write(string file, string name, string text)
    {
        var path = Path.Combine(RepositoryRoot(), "docs", file);
        var content = File.ReadAllText(path);
        var (begin, end) = ($"<!-- generated: {name} -->", $"<!-- end generated: {name} -->");
        var start = content.IndexOf(begin, StringComparison.Ordinal);
        var stop = content.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            throw new InvalidOperationException($"docs/{file} has no block '{begin}' ... '{end}'");
        }
        var body = text.TrimEnd('\n') + "\n";
        File.WriteAllText(path, content[..(start + begin.Length)] + "\n" + body + content[stop..]);
    }

    /// <summary>The repository's root: the nearest folder above the binary that holds docs/ and src/.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "docs")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the repository");
    }
}
