using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Removes every instruction whose result nothing needs. Mark and sweep: the roots are the
/// instructions with side effects (stores, helper calls, terminators, per <see cref="OpInfo"/>);
/// everything their operands reach, transitively, is live; the rest goes, phis included, so a
/// cycle of phis and adds that only feed each other dies as a whole (a use count would keep it).
/// Loads have no side effects and go when unused. Requires nothing; preserves the CFG.
/// <code>
/// b1: v2 = phi.i64 [b0: 1], [b2: v4]   =>   b1: (v2 gone)
/// b2: v4 = add.i64 v2, 3                    b2: (v4 gone: it only fed v2, v2 only fed it)
///     v5 = load.i32.u32 v0, 0                   (v5 gone: unused)
///     v6 = call.i64 5()                         v6 = call.i64 5()   (kept: a call has effects)
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
        // The live set is a mark on each instruction (a set of them was most of this pass's cost on
        // a function of 40,000 instructions): every mark is set afresh, the roots' to true.
        var work = new Stack<Instr>();
        foreach (var block in f.Blocks)
        {
            foreach (var i in block.Instrs)
            {
                i.Marked = i.Info.HasSideEffects;
                if (i.Marked)
                {
                    work.Push(i);
                }
            }
        }
        while (work.Count > 0)
        {
            foreach (var operand in work.Pop().Operands)
            {
                if (operand is Instr { Marked: false } def)
                {
                    def.Marked = true;
                    work.Push(def);
                }
            }
        }
        Func<Instr, bool> dead = static i => !i.Marked;
        foreach (var block in f.Blocks)
        {
            // One pass per block: removing instructions one by one shifts a long block's list each time.
            c.NoteChange(block.RemoveAll(dead));
        }
    }
}
