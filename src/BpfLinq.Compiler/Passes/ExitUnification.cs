using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Gives the function exactly one <c>ret</c> (the backend's contract): when there are several,
/// each becomes a jump to a new exit block whose phi merges the returned values. The front end
/// already produces one exit, so on its output this pass does nothing; it makes the contract hold
/// for any input, and no later pass duplicates a block, so it holds after the whole pipeline.
/// Requires nothing; preserves dominance of existing blocks; invalidates CFG analyses when it acts.
/// <code>
/// b1: ret 1           =>   b1: br b3
/// b2: ret v4               b2: br b3
///                          b3: v5 = phi [b1: 1], [b2: v4]
///                              ret v5
/// </code>
/// </summary>
internal sealed class ExitUnification : IPass
{
    /// <inheritdoc/>
    public string Name => "unify-exits";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        var rets = f.Blocks.Where(b => b.Terminator is { Op: Op.Ret }).ToList();
        if (rets.Count < 2)
        {
            return;
        }
        var exit = f.AddBlock();
        var builder = new IrBuilder(f) { Current = exit };
        var phi = builder.Phi(exit, f.ReturnType);
        foreach (var b in rets)
        {
            var ret = b.Terminator!;
            b.JumpTo(exit);
            IrBuilder.AddPhiIncoming(phi, b, ret.Operands[0]);
        }
        builder.Ret(phi);
        c.NoteChange();
    }
}
