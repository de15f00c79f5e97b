using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Dominator-based value numbering: walking the dominator tree in pre-order with a scoped table
/// of the pure instructions seen on the way down, an instruction equal to one in the table (same
/// op, type, condition, immediate, width and operands; either operand order for commutative ops)
/// is replaced by it, which is correct because the earlier one dominates it. Two exclusions:
/// <list type="bullet">
/// <item>compares: the backend fuses each compare into its branch (<c>if r1 &lt; 6 goto</c>), so a
///   shared compare would have to be materialised as a bool; recomputing it is free;</item>
/// <item>loads: only loads through the context pointer are treated as pure, because context
///   fields are read-only for the programs of this issue; a function that stores through a
///   context pointer or passes it to a helper (which may change the context) keeps every load.
///   Packet and map loads will need memory dependences first.</item>
/// </list>
/// Requires dominators (computed here); preserves the CFG. Run after
/// <see cref="AlgebraicSimplification"/>, whose canonical forms make equal expressions look equal.
/// <code>
/// b0: v1 = load.i32.u32 v0, 0      =>   b0: v1 = load.i32.u32 v0, 0
/// b1: v2 = load.i32.u32 v0, 0           b1: v3 = and.i32 v1, 7
///     v3 = and.i32 v2, 7
/// </code>
/// </summary>
internal sealed class CommonSubexpressions : IPass
{
    /// <inheritdoc/>
    public string Name => "cse";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        var contextIsReadOnly = ContextIsReadOnly(f);
        if (!HasDuplicates(f, contextIsReadOnly))
        {
            return; // the common case, found without building the dominator tree
        }
        var walk = new Walk(c, DominatorTree.Compute(f), contextIsReadOnly);
        walk.Visit(f.Entry);
        walk.ReplaceRemainingUses(f);
    }

    private static bool ContextIsReadOnly(Function f) => !f.AllInstrs().Any(i =>
        (i.Op == Op.Store && i.Operands[0].Type == IrType.CtxPtr) ||
        (i.Op == Op.Call && !HelperKeepsContext(i.Imm) && i.Operands.Any(o => o.Type == IrType.CtxPtr)));

    // bpf_skb_load_bytes and bpf_skb_load_bytes_relative read the packet and write the stack only.
    private static bool HelperKeepsContext(long helper) => helper is 26 or 68;

    private static bool HasDuplicates(Function f, bool contextIsReadOnly)
    {
        var seen = new HashSet<Key>();
        foreach (var i in f.AllInstrs())
        {
            if (IsCandidate(i, contextIsReadOnly)
                && (!seen.Add(KeyOf(i, swapped: false)) || (i.Info.IsCommutative && seen.Contains(KeyOf(i, swapped: true)))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsCandidate(Instr i, bool contextIsReadOnly) => i.IsPureComputation() && i.Op switch
    {
        Op.Cmp => false,
        // An ld_imm64 of a map or function: one instruction to redo, a register across calls to keep.
        Op.MapRef or Op.MapValueAddr or Op.FuncAddr => false,
        Op.Load => contextIsReadOnly && i.Operands[0].Type == IrType.CtxPtr,
        _ => true,
    };

    private static Key KeyOf(Instr i, bool swapped)
    {
        var (a, b) = i.Operands.Count == 2 ? (i.Operands[0], i.Operands[1]) : (i.Operands[0], null);
        if (swapped)
        {
            (a, b) = (b!, a);
        }
        return new Key(i.Op, i.Type, i.Cond, i.Imm, i.Size, i.Signed, i.Anchor, a, b);
    }

    private readonly record struct Key(Op Op, IrType Type, Cond Cond, long Imm, int Size, bool Signed, PacketAnchor Anchor, Value A, Value? B);

    // Replacing every use of a removed instruction at once would scan the whole function per
    // instruction removed (quadratic in a chain of a thousand loads of one field). The walk instead
    // remembers what replaces what and rewrites each instruction's operands when it reaches it, so
    // keys see the replacements; one last scan catches the uses the walk reached before the
    // replacement (phis in loop headers) or never reaches.
    private sealed class Walk(PassContext c, DominatorTree<Block> dom, bool contextIsReadOnly)
    {
        private readonly Dictionary<Key, Instr> _available = [];
        private readonly ValueReplacements _replaced = new();

        // The keys added by the blocks on the path from the entry, innermost last (one list for the walk, not one per block).
        private readonly List<Key> _scope = [];

        public void ReplaceRemainingUses(Function f) => _replaced.ApplyToAll(f);

        public void Visit(Block block)
        {
            var scopeStart = _scope.Count;
            var instrs = block.Instrs;
            for (var k = 0; k < instrs.Count; k++)
            {
                var i = instrs[k];
                _replaced.Apply(i);
                if (!IsCandidate(i, contextIsReadOnly))
                {
                    continue;
                }
                var key = KeyOf(i, swapped: false);
                if (_available.TryGetValue(key, out var earlier)
                    || (i.Info.IsCommutative && _available.TryGetValue(KeyOf(i, swapped: true), out earlier)))
                {
                    _replaced.Add(i, earlier);
                    block.Remove(i);
                    k--;
                    c.NoteChange();
                }
                else
                {
                    _available.Add(key, i);
                    _scope.Add(key);
                }
            }
            foreach (var child in dom.Children(block))
            {
                Visit(child);
            }
            for (var k = scopeStart; k < _scope.Count; k++)
            {
                _available.Remove(_scope[k]);
            }
            _scope.RemoveRange(scopeStart, _scope.Count - scopeStart);
        }
    }
}
