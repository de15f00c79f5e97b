using System.Text;

namespace BpfLinq;

// trace_printk, and the escape hatches: any helper by id, any kfunc by name, with scalar arguments.
public static partial class Bpf
{
    /// <summary>
    /// Writes a line to the kernel's trace pipe (<c>bpf_trace_printk</c>; read it with
    /// <c>cat /sys/kernel/tracing/trace_pipe</c>). The format is checked when the lambda compiles:
    /// a constant ASCII string with at most three of <c>%d %i %u %x %ld %li %lu %lx %lld %lli %llu %llx</c>
    /// (and <c>%%</c>), one per argument. In .NET the line goes to <see cref="System.Diagnostics.Trace"/>.
    /// </summary>
    /// <param name="format">The format.</param>
    /// <returns>The number of bytes written (in .NET: the formatted length).</returns>
    public static long TracePrintk(string format) => Trace(format, []);

    /// <inheritdoc cref="TracePrintk(string)"/>
    /// <param name="format">The format.</param>
    /// <param name="arg1">The first argument.</param>
    public static long TracePrintk(string format, long arg1) => Trace(format, [arg1]);

    /// <inheritdoc cref="TracePrintk(string)"/>
    /// <param name="format">The format.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    public static long TracePrintk(string format, long arg1, long arg2) => Trace(format, [arg1, arg2]);

    /// <inheritdoc cref="TracePrintk(string)"/>
    /// <param name="format">The format.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    public static long TracePrintk(string format, long arg1, long arg2, long arg3) => Trace(format, [arg1, arg2, arg3]);

    /// <summary>
    /// Calls kernel helper <paramref name="helper"/> (its number in <c>enum bpf_func_id</c>) with scalar
    /// arguments in r1–r5: the escape hatch for helpers without an intrinsic. The verifier checks the
    /// call against the helper's prototype when the program loads. In .NET (<c>Evaluate</c>) it calls
    /// the managed twin given for <paramref name="helper"/> in <see cref="EvaluateOptions.Helpers"/>.
    /// </summary>
    /// <param name="helper">A constant helper id.</param>
    /// <param name="args">At most five scalar arguments.</param>
    /// <returns>The helper's result (in .NET: the twin's).</returns>
    /// <exception cref="NotSupportedException">In .NET, when no twin was given for the helper: only the kernel has it.</exception>
    public static long CallHelper(int helper, params long[] args) =>
        ManagedRun.Options?.Helpers.TryGetValue(helper, out var twin) == true
            ? twin(args)
            : throw new NotSupportedException($"helper {helper} runs only in the kernel: give Evaluate a managed twin for it in EvaluateOptions.Helpers");

    /// <summary>
    /// Calls the kfunc named <paramref name="name"/> with scalar arguments; the loader finds its BTF id
    /// in the running kernel (a clear error when it lacks it). In .NET (<c>Evaluate</c>) it calls the
    /// managed twin given for <paramref name="name"/> in <see cref="EvaluateOptions.Kfuncs"/>.
    /// </summary>
    /// <param name="name">A constant kfunc name, e.g. <c>bpf_strcmp</c>.</param>
    /// <param name="args">At most five scalar arguments.</param>
    /// <returns>The kfunc's result (in .NET: the twin's).</returns>
    /// <exception cref="NotSupportedException">In .NET, when no twin was given for the kfunc: only the kernel has it.</exception>
    public static long CallKfunc(string name, params long[] args) =>
        ManagedRun.Options?.Kfuncs.TryGetValue(name, out var twin) == true
            ? twin(args)
            : throw new NotSupportedException($"kfunc {name} runs only in the kernel: give Evaluate a managed twin for it in EvaluateOptions.Kfuncs");

    private static long Trace(string format, long[] args)
    {
        var text = TraceFormat.Format(format, args);
        System.Diagnostics.Trace.WriteLine(text);
        return Encoding.ASCII.GetByteCount(text);
    }
}
