using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Sends a predecessor straight to the successor it would certainly reach. A block <c>B</c> ending
/// in <c>condbr</c> on a compare computed in <c>B</c>, whose inputs are phis of <c>B</c> (and
/// constants), decides its branch from what each predecessor <c>P</c> passes in: when the phis'
/// operands from <c>P</c> are constants that make the compare constant, <c>P</c>'s edge to
/// <c>B</c> is pointed at the taken successor <c>T</c> (B's phis lose P's operand; T's phis get,
/// from <c>P</c>, what they got from <c>B</c>). This is what turns materialised booleans
/// (<c>x = a &amp;&amp; b ? 1 : 0; if (x != 0)</c>, <c>!</c>, <c>||</c> chains) back into straight
/// compare-and-branch sequences. <c>B</c>'s instructions are evaluated under P's constants with
/// <see cref="ConstantFolding.Evaluate"/>, so <c>x ^ 1</c> or <c>zext x</c> between phi and compare
/// is seen through.
/// <para>
/// Conditions that keep SSA and the CFG sound:
/// <list type="bullet">
/// <item>every value defined in <c>B</c> is used only in <c>B</c> or by a successor's phi on the
///   edge from <c>B</c>, so skipping <c>B</c> loses nothing: a phi of <c>B</c> that T's phi reads
///   becomes its operand from <c>P</c>, any other value of <c>B</c> must be a known constant on P's
///   path; values defined outside <c>B</c> that reach <c>T</c> through <c>B</c> dominate <c>B</c>,
///   hence <c>P</c>;</item>
/// <item><c>P</c> has one edge to <c>B</c> (else which phi operand is whose is ambiguous);</item>
/// <item><c>B</c> is not a loop header (it dominates none of its predecessors): threading into a
///   loop body would give the loop a second entry, an irreducible graph;</item>
/// <item>a predecessor that already reaches <c>T</c> passes T's phis the same values both ways.</item>
/// </list>
/// </para>
/// Requires dominators when the function has a cycle (computed here only when some block is a
/// candidate, and again after each threaded edge). Invalidates CFG analyses; removes the blocks it leaves unreachable and leaves
/// the rest of the cleanup to <see cref="CfgSimplification"/>.
/// <code>
/// b2: v3 = phi [b0: 0], [b1: 1]    =>   b0: ... -> b5 (was b2)
///     v4 = cmp.ne.i32 v3, 0             b1: ... -> b4 (was b2)
///     condbr v4, b4, b5                 (b2 unreachable)
/// </code>
/// </summary>
internal sealed class JumpThreading : IPass
{
    /// <inheritdoc/>
    public string Name => "thread-jumps";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        // No block becomes or stops being a candidate by threading (it changes phi operands and targets only).
        var candidates = f.Blocks.Where(b => IsCandidate(f, b, out _)).ToList();
        // Threading replaces a path P -> B -> T by an edge P -> T, so it never closes a cycle: in a
        // function without one (most), no block is a loop header and no dominator tree is needed.
        var acyclic = candidates.Count == 0 || DepthFirstOrder.Memo(f).BackEdges.Length == 0;
        DominatorTree<Block>? dom = null;
        OutsideReads? reads = null;
        foreach (var b in candidates)
        {
            if (!IsCandidate(f, b, out var cmp))
            {
                continue;
            }
            if (!acyclic)
            {
                dom ??= DominatorTree.Compute(f);
                if (b.Preds.Any(p => dom.Dominates(b, p)))
                {
                    continue; // a loop header
                }
            }
            reads ??= OutsideReads.Of(f, candidates);
            if (!IsBypassable(b, reads))
            {
                continue;
            }
            foreach (var p in b.DistinctPreds())
            {
                if (TryThread(f, b, p, cmp, reads))
                {
                    c.NoteChange();
                    dom = null; // the new edge may have made a block a loop header
                }
            }
        }
        c.NoteChange(UnreachableCode.Remove(f));
    }

    // A block with phis whose branch tests a compare made in the block: cheap to check first.
    private static bool IsCandidate(Function f, Block b, out Instr cmp)
    {
        cmp = null!;
        if (b == f.Entry || b.Instrs[0].Op != Op.Phi || b.Terminator is not { Op: Op.CondBr } br
            || br.Operands[0] is not Instr { Op: Op.Cmp } test || test.Block != b)
        {
            return false;
        }
        cmp = test;
        return true;
    }

    private static bool IsBypassable(Block b, OutsideReads reads) =>
        reads.None(b) && b.Instrs.All(i => i.IsTerminator || i.Op == Op.Phi || i.IsPureComputation());

    private static bool TryThread(Function f, Block b, Block p, Instr cmp, OutsideReads reads)
    {
        if (b.Preds.Count(x => x == p) != 1)
        {
            return false; // which phi operand belongs to which of p's edges is ambiguous
        }
        var known = new Dictionary<Value, long>();
        foreach (var phi in b.Phis)
        {
            if (phi.IncomingFrom(p) is Constant k)
            {
                known[phi] = k.Bits;
            }
        }
        long? ValueOf(Value v) => v is Constant k ? k.Bits : known.TryGetValue(v, out var x) ? x : null;
        foreach (var i in b.Instrs)
        {
            if (i.Op != Op.Phi && !i.IsTerminator && ConstantFolding.Evaluate(i, ValueOf) is { } r)
            {
                known[i] = r;
            }
        }
        if (!known.TryGetValue(cmp, out var taken))
        {
            return false;
        }
        var t = b.Terminator!.Targets[taken != 0 ? 0 : 1];
        if (t == b)
        {
            return false;
        }
        var incoming = new Dictionary<Instr, Value>();
        foreach (var phi in t.Phis)
        {
            var v = phi.IncomingFrom(b);
            if (v is Instr { Op: Op.Phi } bPhi && bPhi.Block == b)
            {
                v = bPhi.IncomingFrom(p); // what b's phi would have been on p's path
            }
            else if (v is Instr d && d.Block == b)
            {
                if (!known.TryGetValue(d, out var bits))
                {
                    return false; // t needs a value of b that p's path does not fix
                }
                v = f.Const(d.Type, bits);
            }
            if (t.Preds.Contains(p) && phi.IncomingFrom(p) != v)
            {
                return false;
            }
            incoming[phi] = v;
        }
        // B's phis stop reading, and T's phis start reading, on the edge from p: values of blocks
        // still to be visited may gain or lose a read from outside.
        foreach (var phi in b.Phis)
        {
            reads.Note(phi, phi.PhiBlocks.LastIndexOf(p), -1);
        }
        b.RemoveIncoming(p);
        p.Retarget(b, t);
        t.AddIncoming(p, phi => incoming[phi]);
        foreach (var phi in t.Phis)
        {
            reads.Note(phi, phi.Operands.Count - 1, +1);
        }
        return true;
    }

    // For each candidate block, how many operands outside it read a value it defines (a phi reading
    // on an edge from the block counts as inside): the block can be skipped only when there are
    // none. Counted in one scan of the function, then kept exact as threading moves phi operands,
    // instead of a scan per threaded edge.
    private sealed class OutsideReads
    {
        private readonly HashSet<Block> _asked;
        private readonly Dictionary<Block, int> _count = [];

        private OutsideReads(HashSet<Block> asked) => _asked = asked;

        public static OutsideReads Of(Function f, List<Block> candidates)
        {
            var reads = new OutsideReads(candidates.ToHashSet());
            foreach (var block in f.Blocks)
            {
                foreach (var i in block.Instrs)
                {
                    for (var k = 0; k < i.Operands.Count; k++)
                    {
                        reads.Note(i, k, +1);
                    }
                }
            }
            return reads;
        }

        // Counts (or uncounts) operand k of reader when it reads a candidate's value from outside it.
        public void Note(Instr reader, int k, int delta)
        {
            if (k >= 0 && reader.Operands[k] is Instr { Block: { } home } && _asked.Contains(home) && reader.Block != home
                && !(reader.Op == Op.Phi && reader.PhiBlocks[k] == home))
            {
                _count[home] = _count.GetValueOrDefault(home) + delta;
            }
        }

        public bool None(Block b) => _count.GetValueOrDefault(b) == 0;
    }
}
