using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// <c>switch</c> over an integer, char, bool or enum with constant cases (the first case wins a
/// duplicated value, as in the CLR). Up to <see cref="LinearCases"/> values are tested one after the
/// other; more are found by a binary search over the sorted values (signed or unsigned as the type
/// is), ending in short equality chains: about log2(n) compares instead of n.
/// </summary>
internal sealed partial class IrLowering
{
    private const int LinearCases = 4;

    private Value? LowerSwitch(SwitchExpression node)
    {
        if (node.Comparison is not null)
        {
            throw Error(node, CompileErrors.SwitchComparison(node.Comparison));
        }
        var type = ScalarOf(node.SwitchValue);
        var keys = new List<(long Bits, int Case, Expression Test)>();
        for (var i = 0; i < node.Cases.Count; i++)
        {
            foreach (var test in node.Cases[i].TestValues)
            {
                if (test is not ConstantExpression { Value: { } constant })
                {
                    throw Error(test, CompileErrors.SwitchCaseNotConstant());
                }
                var bits = type.Canonical(ConstantBits(constant));
                if (!keys.Exists(k => k.Bits == bits))
                {
                    keys.Add((bits, i, test));
                }
            }
        }
        keys.Sort((x, y) => type.Signed ? x.Bits.CompareTo(y.Bits) : ((ulong)x.Bits).CompareTo((ulong)y.Bits));

        var value = LowerValue(node.SwitchValue)!;
        var cases = node.Cases.Select(_ => NewBlock()).ToList();
        var otherwise = NewBlock();
        var join = new Join(NewBlock());
        Dispatch(value, type, keys, 0, keys.Count, cases, otherwise);
        for (var i = 0; i < cases.Count; i++)
        {
            SealAndStart(cases[i]);
            Arrive(join, LowerValue(node.Cases[i].Body));
        }
        SealAndStart(otherwise);
        Arrive(join, node.DefaultBody is { } body ? LowerValue(body) : DefaultOf(node));
        return Complete(join, node.Type == typeof(void) ? null : IrTypeOf(node, node.Type));
    }

    // Jumps to the case of keys[lo..hi) that value equals, or to `otherwise`.
    private void Dispatch(Value value, ScalarLayout type, List<(long Bits, int Case, Expression Test)> keys, int lo, int hi, List<Block> cases, Block otherwise)
    {
        if (hi - lo <= LinearCases)
        {
            for (var k = lo; k < hi; k++)
            {
                var next = NewBlock();
                using (Enter(keys[k].Test))
                {
                    _b.CondBr(_b.Cmp(Cond.Eq, value, _function.Const(type.Ir, keys[k].Bits)), cases[keys[k].Case], next);
                }
                SealAndStart(next);
            }
            _b.Br(otherwise);
            return;
        }
        var mid = (lo + hi) / 2;
        var (below, above) = (NewBlock(), NewBlock());
        using (Enter(keys[mid].Test))
        {
            _b.CondBr(_b.Cmp(type.Signed ? Cond.SLt : Cond.ULt, value, _function.Const(type.Ir, keys[mid].Bits)), below, above);
        }
        SealAndStart(below);
        Dispatch(value, type, keys, lo, mid, cases, otherwise);
        SealAndStart(above);
        Dispatch(value, type, keys, mid, hi, cases, otherwise);
    }
}
