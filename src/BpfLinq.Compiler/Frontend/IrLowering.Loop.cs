using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Loops, gotos and labels of hand-built trees, compiled as written: a loop is a header block that
/// its body jumps back to, <c>break</c> and <c>continue</c> are gotos to the loop's labels, and a
/// label with a type carries the value its gotos bring (an SSA variable keyed by the label). The
/// kernel verifier accepts a loop only when it can follow it to its end (a bounded loop: a counter
/// compared with a constant, say); an unbounded one is rejected at load time.
/// </summary>
internal sealed partial class IrLowering
{
    private Value? LowerLoop(LoopExpression node)
    {
        var inside = GotoCounter.Count(node.Body);
        var header = node.ContinueLabel is { } continueLabel ? _labels.BlockOf(continueLabel) : NewBlock();
        var exit = node.BreakLabel is { } breakLabel ? _labels.BlockOf(breakLabel) : NewBlock();
        JumpIfReachable(header);
        StartBlock(header);
        var depth = _facts.Depth;
        if (JumpedToFromOutside(node.ContinueLabel, inside))
        {
            _facts.Barrier(); // facts of the enclosing code do not hold on a path from elsewhere
        }
        LowerValue(node.Body);
        JumpIfReachable(header);
        _facts.PopTo(depth);
        Place(node.ContinueLabel, header);
        StartBlock(exit);
        Place(node.BreakLabel, exit);
        if (JumpedToFromOutside(node.BreakLabel, inside))
        {
            _facts.Barrier();
        }
        return node.BreakLabel is { Type: var t } label && t != typeof(void) ? ReadLabelValue(label, node) : null;
    }

    private bool JumpedToFromOutside(LabelTarget? label, Dictionary<LabelTarget, int> inside) =>
        label is not null && _labels.GotosTo(label) > inside.GetValueOrDefault(label);

    // A loop's own label is placed once its non-goto edges are in; a block without a label has no gotos.
    private void Place(LabelTarget? label, Block block)
    {
        if (label is null)
        {
            _ssa.SealBlock(block);
        }
        else
        {
            _labels.Place(label, _ssa);
        }
    }

    private void LowerGoto(GotoExpression node)
    {
        if (node.Value is { } value)
        {
            var v = LowerValue(value)!;
            DeclareLabel(node.Target, node);
            _ssa.WriteVariable(node.Target, _b.Current!, v);
        }
        JumpIfReachable(_labels.BlockOf(node.Target));
        _labels.GotoLowered(node, _ssa);
        StartUnreachableBlock();
    }

    private Value? LowerLabel(LabelExpression node)
    {
        var block = _labels.BlockOf(node.Target);
        if (node.DefaultValue is { } fallthrough)
        {
            var v = LowerValue(fallthrough)!;
            DeclareLabel(node.Target, node);
            _ssa.WriteVariable(node.Target, _b.Current!, v);
        }
        JumpIfReachable(block);
        StartBlock(block);
        _labels.Place(node.Target, _ssa);
        _facts.Barrier(); // a goto may arrive from anywhere
        return node.Type == typeof(void) ? null : ReadLabelValue(node.Target, node);
    }

    private void DeclareLabel(LabelTarget target, Expression node)
    {
        if (!_ssa.IsDeclared(target))
        {
            _ssa.Declare(target, IrTypeOf(node, target.Type), InitialValue(node, target.Type), new SourceRef(target.Name ?? "label", _b.Source?.Path ?? ""));
        }
    }

    private Value ReadLabelValue(LabelTarget target, Expression node)
    {
        DeclareLabel(target, node);
        return _ssa.ReadVariable(target, _b.Current!);
    }
}
