using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Removes every instruction whose result nothing needs. Mark and sweep: the roots are the
/// instructions with side effects (stores, helper calls, terminators, per <see cref="OpInfo"/>);
/// everything their operands reach, transitively, is live; the rest goes, phis included, so a
/// cycle of phis and adds that only feed each other dies as a whole (a use count would keep it).
/// Loads have no side effects and go when unused. Requires nothing; preserves the CFG.
/// <code>
/// b1: v2 = phi [b0: 0], [b1: v3]    =>   b1: br b1 ... (v2, v3 gone: they only feed each other)
///     v3 = add.i64 v2, 1
/// </code>
/// </summary>
internal sealed class DeadCodeElimination : IPass
{
    /// <summary>Creates the pass under <paramref name="name"/>.</summary>
    public DeadCodeElimination(string name = "dce") => Name = name;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        var live = new HashSet<Instr>();
        var work = new Stack<Instr>();
        foreach (var i in f.AllInstrs())
        {
            if (i.Info.HasSideEffects && live.Add(i))
            {
                work.Push(i);
            }
        }
        while (work.Count > 0)
        {
            foreach (var operand in work.Pop().Operands)
            {
                if (operand is Instr def && live.Add(def))
                {
                    work.Push(def);
                }
            }
        }
        foreach (var block in f.Blocks)
        {
            for (var k = block.Instrs.Count - 1; k >= 0; k--)
            {
                if (!live.Contains(block.Instrs[k]))
                {
                    block.Remove(block.Instrs[k]);
                    c.NoteChange();
                }
            }
        }
    }
}
