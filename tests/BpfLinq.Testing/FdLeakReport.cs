using System.Text;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Testing;

/// <summary>Formats the fds left open for the run's error output.</summary>
internal static class FdLeakReport
{
    internal static string Format(IReadOnlyList<TrackedDescriptor> leaks)
    {
        var text = new StringBuilder();
        text.Append("BPF fd leak: ").Append(leaks.Count)
            .Append(" file descriptor(s) opened by BpfLinq.Runtime were never disposed. Dispose every map, program, BTF object and link ")
            .AppendLine("(a `using` declaration), including on error paths.");
        foreach (var leak in leaks)
        {
            text.Append("fd ").Append(leak.Fd)
                .Append(leak.ClosedByFinalizer ? " (closed later by the finalizer, still a leak)" : " (still open)")
                .AppendLine(" opened at:")
                .AppendLine(TestFrames(leak.OpenedAt));
        }
        return text.ToString();
    }

    /// <summary>The stack down to the test method: the frames below it (reflection, xunit, thread pool) say nothing.</summary>
    internal static string TestFrames(string stackTrace)
    {
        var frames = stackTrace.TrimEnd().Split('\n').Select(line => line.TrimEnd('\r'));
        return string.Join('\n', frames.TakeWhile(line =>
            !line.TrimStart().StartsWith("at System.Reflection.", StringComparison.Ordinal)
            && !line.TrimStart().StartsWith("at Xunit.", StringComparison.Ordinal)));
    }
}
