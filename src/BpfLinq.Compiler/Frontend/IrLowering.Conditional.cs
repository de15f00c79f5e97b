using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;
using Fact = BpfLinq.Compiler.Frontend.GuardFacts.Fact;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Conditions lowered for branch, and the conditional operator. <c>a &amp;&amp; b</c> in a condition
/// is "if a then (if b then T else F) else F" with no bool in between; <c>!a</c> swaps the targets;
/// a comparison is one compare-and-branch. A condition used as a value is materialised as 0 or 1
/// through the same branches. The arms of <c>?:</c> (and the right side of <c>&amp;&amp;</c>/<c>||</c>) are
/// lowered with the facts their condition proves, which is what lets a guarded division compile.
/// </summary>
internal sealed partial class IrLowering
{
    /// <summary>What a condition proves when it is true and when it is false.</summary>
    private readonly record struct BranchFacts(List<Fact> WhenTrue, List<Fact> WhenFalse)
    {
        // Merging never adds to an empty list (the larger side is the one added to), so one can be shared.
        private static readonly List<Fact> s_empty = [];

        public static BranchFacts None { get; } = new(s_empty, s_empty);

        public static List<Fact> Empty => s_empty;

        public BranchFacts Swapped => new(WhenFalse, WhenTrue);
    }

    /// <summary>Lowers a bool node as a branch to <paramref name="ifTrue"/> or <paramref name="ifFalse"/>; ends the current block.</summary>
    private BranchFacts LowerBranch(Expression node, Block ifTrue, Block ifFalse)
    {
        using var scope = Enter(node);
        switch (node)
        {
            case ConstantExpression { Value: bool constant }:
                _b.Br(constant ? ifTrue : ifFalse);
                return constant ? new([], [Fact.Unreachable]) : new([Fact.Unreachable], []); // the other side is dead
            case UnaryExpression { NodeType: ExpressionType.Not or ExpressionType.IsFalse, Method: null } not:
                return LowerBranch(not.Operand, ifFalse, ifTrue).Swapped;
            case UnaryExpression { NodeType: ExpressionType.IsTrue, Method: null } isTrue:
                return LowerBranch(isTrue.Operand, ifTrue, ifFalse);
            case BinaryExpression { NodeType: ExpressionType.AndAlso, Method: null } andAlso:
                return LowerAnd(andAlso, ifTrue, ifFalse, assumeLeft: true);
            case BinaryExpression { NodeType: ExpressionType.OrElse, Method: null } orElse:
                return LowerOr(orElse, ifTrue, ifFalse, assumeLeft: true);
            // `a & b` on bools evaluates both sides in C#; with a right side free of effects, not
            // evaluating it changes nothing (its divisions are proven safe on their own).
            case BinaryExpression { NodeType: ExpressionType.And, Method: null } both when both.Type == typeof(bool) && SideEffects.None(both.Right):
                return LowerAnd(both, ifTrue, ifFalse, assumeLeft: false);
            case BinaryExpression { NodeType: ExpressionType.Or, Method: null } either when either.Type == typeof(bool) && SideEffects.None(either.Right):
                return LowerOr(either, ifTrue, ifFalse, assumeLeft: false);
            case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
                or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual } compare:
                return LowerCompareBranch(compare, ifTrue, ifFalse);
            case ConditionalExpression conditional when conditional.Type == typeof(bool):
                LowerConditionalBranch(conditional, ifTrue, ifFalse);
                return BranchFacts.None;
            case BlockExpression block when block.Type == typeof(bool):
                // A bound value's block ({ v = x; v < 3 || v == 7 }): the statements, then its last
                // expression as the branch. What the branch proves may name the block's variables: not kept.
                LowerBlock(block, last =>
                {
                    LowerBranch(last, ifTrue, ifFalse);
                    return null;
                });
                return BranchFacts.None;
            default:
                // A bool value (a variable, `a ^ b`, a block ...): test it against 0.
                var value = LowerValue(node)!;
                if (value is Constant c)
                {
                    _b.Br(c.Bits != 0 ? ifTrue : ifFalse);
                }
                else
                {
                    _b.CondBr(_b.Cmp(Cond.Ne, value, _b.I32(0)), ifTrue, ifFalse);
                }
                return BranchFacts.None;
        }
    }

    private BranchFacts LowerAnd(BinaryExpression node, Block ifTrue, Block ifFalse, bool assumeLeft) =>
        LowerLogicalChain(node, ifTrue, ifFalse, assumeLeft, isAnd: true);

    private BranchFacts LowerOr(BinaryExpression node, Block ifTrue, Block ifFalse, bool assumeLeft) =>
        LowerLogicalChain(node, ifTrue, ifFalse, assumeLeft, isAnd: false);

    /// <summary>
    /// <c>l &amp;&amp; r</c>: if l then (if r then T else F) else F, with r lowered under what l proves
    /// (<c>||</c> mirrors it). A chain of one operator — what rule generators write, 10,000 links
    /// nested either way — is walked with an explicit stack rather than by recursion: every garbage
    /// collection during lowering walks the whole thread stack, so a stack as deep as the chain makes
    /// each collection cost as much as the chain is long. Blocks are made, and facts pushed and
    /// merged, in the order the recursion would, so the IR is the same.
    /// </summary>
    private BranchFacts LowerLogicalChain(BinaryExpression node, Block ifTrue, Block ifFalse, bool assumeLeft, bool isAnd)
    {
        var op = node.NodeType;
        var chain = assumeLeft; // `&` and `|` on bools (not assuming their left side) are lowered one link at a time
        // Going down: each link entered (as LowerBranch would), its "right" block made; descending
        // left lowers nothing yet, descending right lowers the left side first.
        var links = new Stack<ChainLink>();
        var (current, target) = (node, isAnd ? ifTrue : ifFalse); // target: where the link's success (&&) or failure (||) goes
        NodeScope? scope = null; // the root's scope is its caller's
        BranchFacts rest;
        while (true)
        {
            var right = NewBlock();
            if (chain && IsSameLink(current.Left, op))
            {
                links.Push(new ChainLink(current, right, target, null, 0, scope));
                (current, target) = ((BinaryExpression)current.Left, right);
                scope = Enter(current);
                continue;
            }
            var left = isAnd ? LowerBranch(current.Left, right, ifFalse) : LowerBranch(current.Left, ifTrue, right);
            SealAndStart(right);
            var depth = Assume(assumeLeft ? (isAnd ? left.WhenTrue : left.WhenFalse) : []);
            if (chain && IsSameLink(current.Right, op))
            {
                links.Push(new ChainLink(current, right, target, left, depth, scope));
                current = (BinaryExpression)current.Right;
                scope = Enter(current);
                continue;
            }
            rest = isAnd ? LowerBranch(current.Right, target, ifFalse) : LowerBranch(current.Right, ifTrue, target);
            _facts.PopTo(depth);
            rest = Combine(left, rest, isAnd);
            break;
        }
        // Coming up: a link whose left side was the chain now lowers its right side; a link whose
        // right side was the chain pops its facts. Each combines the facts of both sides.
        while (links.TryPop(out var link))
        {
            scope?.Dispose();
            scope = link.Scope;
            if (link.Left is not { } left)
            {
                left = rest;
                SealAndStart(link.Right);
                var depth = Assume(assumeLeft ? (isAnd ? left.WhenTrue : left.WhenFalse) : []);
                rest = isAnd ? LowerBranch(link.Node.Right, link.Target, ifFalse) : LowerBranch(link.Node.Right, ifTrue, link.Target);
                _facts.PopTo(depth);
            }
            else
            {
                _facts.PopTo(link.Depth);
            }
            rest = Combine(left, rest, isAnd);
        }
        scope?.Dispose();
        return rest;
    }

    // A nested link of the same chain: the same operator without a user-defined method.
    private static bool IsSameLink(Expression node, ExpressionType op) => node is BinaryExpression { Method: null } b && b.NodeType == op;

    private static BranchFacts Combine(BranchFacts left, BranchFacts right, bool isAnd) => isAnd
        ? new BranchFacts(Merge(left.WhenTrue, right.WhenTrue), BranchFacts.Empty)
        : new BranchFacts(BranchFacts.Empty, Merge(left.WhenFalse, right.WhenFalse));

    /// <summary>A link of a logical chain waiting for its nested link: <see cref="Left"/> is null while its left side is the nested link.</summary>
    private readonly record struct ChainLink(BinaryExpression Node, Block Right, Block Target, BranchFacts? Left, int Depth, NodeScope? Scope);

    private void LowerConditionalBranch(ConditionalExpression node, Block ifTrue, Block ifFalse)
    {
        var (whenTrue, whenFalse) = (NewBlock(), NewBlock());
        var facts = LowerBranch(node.Test, whenTrue, whenFalse);
        _ssa.SealBlock(whenTrue);
        _ssa.SealBlock(whenFalse);
        StartBlock(whenTrue);
        var depth = Assume(facts.WhenTrue);
        LowerBranch(node.IfTrue, ifTrue, ifFalse);
        _facts.PopTo(depth);
        StartBlock(whenFalse);
        depth = Assume(facts.WhenFalse);
        LowerBranch(node.IfFalse, ifTrue, ifFalse);
        _facts.PopTo(depth);
    }

    /// <summary>
    /// <c>c ? a : b</c> for its value (or for effect when void). An else-if chain (<c>c1 ? a : c2 ?
    /// b : ...</c>) is walked with an explicit stack rather than by recursion, as logical chains are
    /// (see <see cref="LowerLogicalChain"/>): the same IR in the same order.
    /// </summary>
    private Value? LowerConditional(ConditionalExpression node)
    {
        var links = new Stack<(ConditionalExpression Node, Join Join, int Depth, NodeScope? Scope)>();
        var current = node;
        NodeScope? scope = null; // the root's scope is its caller's
        while (true)
        {
            var (whenTrue, whenFalse) = (NewBlock(), NewBlock());
            var join = new Join(NewBlock());
            var facts = LowerBranch(current.Test, whenTrue, whenFalse);
            _ssa.SealBlock(whenTrue);
            _ssa.SealBlock(whenFalse);
            StartBlock(whenTrue);
            var depth = Assume(facts.WhenTrue);
            Arrive(join, LowerValue(current.IfTrue));
            _facts.PopTo(depth);
            StartBlock(whenFalse);
            depth = Assume(facts.WhenFalse);
            if (current.IfFalse is ConditionalExpression elseIf)
            {
                links.Push((current, join, depth, scope));
                current = elseIf;
                scope = Enter(current);
                continue;
            }
            Arrive(join, LowerValue(current.IfFalse));
            _facts.PopTo(depth);
            var value = CompleteConditional(current, join);
            while (links.TryPop(out var link))
            {
                scope?.Dispose();
                scope = link.Scope;
                Arrive(link.Join, value);
                _facts.PopTo(link.Depth);
                value = CompleteConditional(link.Node, link.Join);
            }
            scope?.Dispose();
            return value;
        }
    }

    private Value? CompleteConditional(ConditionalExpression node, Join join) =>
        Complete(join, node.Type == typeof(void) ? null : IrTypeOf(node, node.Type));

    /// <summary>A condition used as a value: 1 or 0 through a branch.</summary>
    private Value MaterializeBool(Expression node)
    {
        var (whenTrue, whenFalse) = (NewBlock(), NewBlock());
        var join = new Join(NewBlock());
        LowerBranch(node, whenTrue, whenFalse);
        SealAndStart(whenTrue);
        Arrive(join, _b.I32(1));
        SealAndStart(whenFalse);
        Arrive(join, _b.I32(0));
        return Complete(join, IrType.I32)!;
    }

    /// <summary>True for bool nodes that are conditions by nature (comparisons, logic), as opposed to bool values.</summary>
    private static bool IsCondition(Expression node) => node.Type == typeof(bool) && node.NodeType is ExpressionType.Equal
        or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan
        or ExpressionType.GreaterThanOrEqual or ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Not
        or ExpressionType.IsFalse;

    // The facts of both sides, in the larger side's list: a chain of 50,000 && grows one list by one
    // link at a time instead of copying it at every link. The lists are the children's own, off the
    // fact stack by now; the order of facts means nothing.
    private static List<Fact> Merge(List<Fact> a, List<Fact> b)
    {
        var (into, from) = a.Count >= b.Count ? (a, b) : (b, a);
        into.AddRange(from);
        return into;
    }

    private int Assume(List<Fact> facts)
    {
        var depth = _facts.Depth;
        _facts.Push(facts);
        return depth;
    }

    private void SealAndStart(Block block)
    {
        _ssa.SealBlock(block);
        StartBlock(block);
    }

    /// <summary>A block where control paths meet, with the value each path brings.</summary>
    private sealed class Join(Block block)
    {
        public Block Block { get; } = block;

        public List<(Block From, Value? Value)> Incoming { get; } = [];
    }

    /// <summary>Jumps from the current block to the join, bringing <paramref name="value"/>.</summary>
    private void Arrive(Join join, Value? value)
    {
        if (_b.IsTerminated || !IsReachable(_b.Current!))
        {
            return; // a path that cannot run brings nothing
        }
        join.Incoming.Add((_b.Current!, value));
        _b.Br(join.Block);
    }

    /// <summary>Continues at the join; returns the merged value (a phi when the paths disagree), or null for void.</summary>
    private Value? Complete(Join join, IrType? type)
    {
        SealAndStart(join.Block);
        if (type is not { } t)
        {
            return null;
        }
        if (join.Incoming.Count == 0)
        {
            return _function.Const(t, 0); // no path arrives: the value is never used
        }
        var first = _ssa.Resolve(join.Incoming[0].Value!);
        if (join.Incoming.All(i => ReferenceEquals(_ssa.Resolve(i.Value!), first)))
        {
            return first;
        }
        var phi = _b.Phi(join.Block, t);
        foreach (var (from, value) in join.Incoming)
        {
            IrBuilder.AddPhiIncoming(phi, from, _ssa.Resolve(value!));
        }
        return phi;
    }
}
