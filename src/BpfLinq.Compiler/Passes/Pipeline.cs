using System.Text;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// An ordered list of passes on one IR function. The compiler's is <see cref="CompileOrder.Passes"/>,
/// part of the one compile order; its order is checked against <see cref="PassOrder"/> by a test.
/// <para>
/// Running a pass (<see cref="RunPass"/>): the pass runs inside the phase wrapper every step of the
/// compiler runs in (<see cref="StepRunner"/>: a crash becomes an internal compiler error naming the
/// pass); then, when asked, the IR verifier checks the result (an
/// <see cref="InternalCompilerError"/> names the pass) and the function is dumped to the
/// trace as <c>&gt; after NAME:</c>, without changing it (printing is side-effect free), so dumping
/// never changes what the compiler produces.
/// </para>
/// </summary>
internal sealed class Pipeline
{
    /// <summary>Creates a pipeline of <paramref name="passes"/>.</summary>
    public Pipeline(IReadOnlyList<IPass> passes) => Passes = passes;

    /// <summary>The top-level passes, in order.</summary>
    public IReadOnlyList<IPass> Passes { get; }

    /// <summary>Every pass in the order one run meets it first, with loops flattened to one round.</summary>
    public IEnumerable<IPass> Flatten() => Flatten(Passes);

    private static IEnumerable<IPass> Flatten(IEnumerable<IPass> passes) =>
        passes.SelectMany(p => p is FixedPointLoop loop ? Flatten(loop.AllPasses).Prepend(p) : [p]);

    /// <summary>Runs every pass on <paramref name="f"/>.</summary>
    public void Run(Function f, PassContext context)
    {
        if (context.VerifyIrAfterEachPass)
        {
            IrVerifier.VerifyOrThrow(f, "the pipeline's input");
        }
        foreach (var pass in Passes)
        {
            RunPass(pass, f, context);
        }
    }

    /// <summary>Runs one pass with the checks and dumps <paramref name="context"/> asks for.</summary>
    public static void RunPass(IPass pass, Function f, PassContext context) =>
        StepRunner.Run(pass.Name, f.Name, context, (pass, f, context), static s =>
        {
            s.pass.Run(s.f, s.context);
            if (s.context.VerifyIrAfterEachPass)
            {
                IrVerifier.VerifyOrThrow(s.f, s.pass.Name);
            }
        }, static s => IrPrinter.Print(s.f));

    /// <summary>The pipeline, one pass per line, the passes of a loop indented under it.</summary>
    public override string ToString() => Print(0);

    /// <summary>The pipeline as <see cref="ToString"/> writes it, every line indented by <paramref name="depth"/> levels.</summary>
    public string Print(int depth)
    {
        var sb = new StringBuilder();
        void Write(IEnumerable<IPass> passes, int depth)
        {
            foreach (var p in passes)
            {
                sb.Append(' ', depth * 2).Append(p.Name);
                if (p is FixedPointLoop loop)
                {
                    sb.Append(" (until stable, at most ").Append(loop.MaxRounds).Append(" rounds)\n");
                    Write(loop.Passes, depth + 1);
                    if (loop.Finisher is { } finisher)
                    {
                        sb.Append(' ', (depth + 1) * 2).Append(finisher.Name).Append(" (once stable, then the rounds again)\n");
                    }
                }
                else
                {
                    sb.Append('\n');
                }
            }
        }
        Write(Passes, depth);
        return sb.ToString();
    }
}
