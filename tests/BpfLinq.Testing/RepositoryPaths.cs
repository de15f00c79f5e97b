namespace BpfLinq.Testing;

/// <summary>Finds files of the repository (and of the shared folder beside it) from a test's working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the directory holding <c>BpfLinq.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>The project's shared folder (<c>../shared</c> beside the checkout), or null when it is absent.</summary>
    public static string? Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("BPFLINQ_SHARED_DIR");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            {
                return env;
            }
            var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(beside) ? beside : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BpfLinq.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find BpfLinq.sln above " + AppContext.BaseDirectory);
    }
}
