using BpfLinq.Compiler.Compilation.Steps;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// What a pipeline run knows besides the function: the program kind, the checking and dumping
/// options, the trace sink, and a count of the changes passes made (fixed-point loops compare it
/// before and after a round). One context per compilation; nothing here is global.
/// </summary>
internal sealed class PassContext : IStepHooks
{
    /// <summary>Creates a context for a function of a program of <paramref name="programKind"/>.</summary>
    public PassContext(ProgramKind programKind) => ProgramKind = programKind;

    /// <summary>The kind of program being compiled.</summary>
    public ProgramKind ProgramKind { get; }

    /// <summary>Run <see cref="Ir.IrVerifier"/> on the input and after every pass (tests always turn it on).</summary>
    public bool VerifyIrAfterEachPass { get; init; }

    /// <summary>The packets are linear: no pull for tc (<see cref="CompileOptions.LinearPackets"/>).</summary>
    public bool LinearPackets { get; init; }

    /// <summary>Step names after which the function is written to <see cref="Trace"/>; <c>*</c> means every step.</summary>
    public IReadOnlySet<string> DumpAfter { get; init; } = new HashSet<string>();

    /// <summary>Also write each rewrite rule applied and each fixed-point loop's round count to <see cref="Trace"/>.</summary>
    public bool TraceRewrites { get; init; }

    /// <summary>Where dumps and traces go; nothing is written when null.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>Who watches the passes run (timings, failure injection), or null.</summary>
    public ICompileObserver? Observer { get; init; }

    /// <summary>Number of changes reported by passes so far.</summary>
    public int Changes { get; private set; }

    /// <summary>Called by a pass when it changes the function (<paramref name="count"/> changes at once).</summary>
    public void NoteChange(int count = 1) => Changes += count;

    /// <summary>Reports that <paramref name="pass"/> applied <paramref name="rule"/> (counts as a change).</summary>
    public void NoteRewrite(string pass, string rule)
    {
        Changes++;
        if (TraceRewrites)
        {
            Trace?.Invoke($"{pass}: {rule}");
        }
    }

    /// <summary>True when the function should be dumped after the pass named <paramref name="passName"/>.</summary>
    public bool ShouldDump(string passName) => StepHooks.ShouldDump(DumpAfter, Trace, passName);

    /// <summary>Parses a <c>DumpAfter</c> option: step names separated by commas, or <c>*</c>.</summary>
    public static IReadOnlySet<string> ParseDumpAfter(string? names) => StepHooks.ParseNames(names);
}
