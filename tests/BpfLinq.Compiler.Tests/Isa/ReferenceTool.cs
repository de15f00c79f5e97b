using System.Diagnostics;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>Runs an installed reference tool (llvm-objdump-19, llvm-mc-19) and returns its output.</summary>
public static class ReferenceTool
{
    private static readonly Lazy<string> s_vmlinuxHeader = new(DumpVmlinuxHeader);

    /// <summary>
    /// The running kernel's BTF as C (<c>bpftool btf dump file /sys/kernel/btf/vmlinux format c</c>),
    /// dumped once. Skips the test without bpftool or kernel BTF, or fails under BPFLINQ_REQUIRE_KERNEL=1.
    /// </summary>
    public static string VmlinuxHeader => s_vmlinuxHeader.Value;

    private static string DumpVmlinuxHeader()
    {
        const string VmlinuxPath = "/sys/kernel/btf/vmlinux";
        if (!File.Exists(VmlinuxPath))
        {
            const string Reason = "this kernel exposes no BTF at " + VmlinuxPath;
            throw TestEnvironment.KernelRequired ? new InvalidOperationException(Reason) : new Xunit.SkipException(Reason);
        }
        return Run("bpftool", ["btf", "dump", "file", VmlinuxPath, "format", "c"]);
    }

    /// <summary>Runs <paramref name="tool"/> (skipping the test when it is not installed) and returns stdout; fails on a non-zero exit.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(TestEnvironment.RequireTool(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }
        return stdout;
    }
}
