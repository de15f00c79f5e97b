namespace BpfLinq.Runtime;

/// <summary>What one <c>BPF_PROG_TEST_RUN</c> returned.</summary>
/// <param name="ReturnValue">The program's return value (r0, truncated to 32 bits by the kernel).</param>
/// <param name="DataOut">The packet after the run (possibly changed or resized by the program).</param>
/// <param name="CtxOut">The context after the run, empty when none was asked for.</param>
/// <param name="DurationNanoseconds">The kernel's average run time per repetition, in nanoseconds.</param>
/// <param name="Repeat">How many times the program ran.</param>
public sealed record TestRunResult(uint ReturnValue, byte[] DataOut, byte[] CtxOut, uint DurationNanoseconds, uint Repeat)
{
    /// <summary>The average run time per repetition (100 ns resolution; see <see cref="DurationNanoseconds"/>).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(DurationNanoseconds / TimeSpan.NanosecondsPerTick);
}
