using System.Diagnostics;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>Runs the machine's bpftool as the reference BTF parser.</summary>
internal static class Bpftool
{
    /// <summary>
    /// bpftool's path. It lives in /usr/sbin, which is not on every PATH (TestEnvironment searches PATH only),
    /// so /usr/sbin is tried before deferring to RequireTool's skip-or-fail rule.
    /// </summary>
    public static string Path =>
        TestEnvironment.FindTool("bpftool")
        ?? (File.Exists("/usr/sbin/bpftool") ? "/usr/sbin/bpftool" : TestEnvironment.RequireTool("bpftool"));

    /// <summary><c>bpftool btf dump file FILE</c> (raw format), optionally on top of a base BTF file.</summary>
    public static string DumpRaw(string file, string? baseFile = null)
    {
        var arguments = baseFile is null ? $"btf dump file {file}" : $"--base-btf {baseFile} btf dump file {file}";
        return Run(arguments);
    }

    public static string Run(string arguments)
    {
        var start = new ProcessStartInfo(Path, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bpftool {arguments} exited with {process.ExitCode}: {error.Result}");
        }
        return output;
    }
}
