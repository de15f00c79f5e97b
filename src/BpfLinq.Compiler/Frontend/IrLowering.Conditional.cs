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
        public static BranchFacts None => new([], []);

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

    private BranchFacts LowerAnd(BinaryExpression node, Block ifTrue, Block ifFalse, bool assumeLeft)
    {
        var right = NewBlock();
        var left = LowerBranch(node.Left, right, ifFalse);
        SealAndStart(right);
        var depth = Assume(assumeLeft ? left.WhenTrue : []);
        var rest = LowerBranch(node.Right, ifTrue, ifFalse);
        _facts.PopTo(depth);
        return new BranchFacts(Merge(left.WhenTrue, rest.WhenTrue), []);
    }

    private BranchFacts LowerOr(BinaryExpression node, Block ifTrue, Block ifFalse, bool assumeLeft)
    {
        var right = NewBlock();
        var left = LowerBranch(node.Left, ifTrue, right);
        SealAndStart(right);
        var depth = Assume(assumeLeft ? left.WhenFalse : []);
        var rest = LowerBranch(node.Right, ifTrue, ifFalse);
        _facts.PopTo(depth);
        return new BranchFacts([], Merge(left.WhenFalse, rest.WhenFalse));
    }

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

    /// <summary><c>c ? a : b</c> for its value (or for effect when void).</summary>
    private Value? LowerConditional(ConditionalExpression node)
    {
        var (whenTrue, whenFalse) = (NewBlock(), NewBlock());
        var join = new Join(NewBlock());
        var facts = LowerBranch(node.Test, whenTrue, whenFalse);
        _ssa.SealBlock(whenTrue);
        _ssa.SealBlock(whenFalse);
        StartBlock(whenTrue);
        var depth = Assume(facts.WhenTrue);
        Arrive(join, LowerValue(node.IfTrue));
        _facts.PopTo(depth);
        StartBlock(whenFalse);
        depth = Assume(facts.WhenFalse);
        Arrive(join, LowerValue(node.IfFalse));
        _facts.PopTo(depth);
        return Complete(join, node.Type == typeof(void) ? null : IrTypeOf(node, node.Type));
    }

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
