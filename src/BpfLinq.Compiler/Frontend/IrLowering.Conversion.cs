using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Conversions among bool (to an integer), the integer types, char and enums, with C#'s unchecked
/// semantics: widening extends by the <em>source</em>'s signedness (<c>(ulong)-1</c> is all ones),
/// narrowing keeps the low bits and extends them by the target's. Canonical narrow values make many
/// conversions free: byte to int, int to uint, sbyte to short.
/// </summary>
internal sealed partial class IrLowering
{
    private Value LowerConvert(UnaryExpression node)
    {
        if (node.Type == node.Operand.Type && node.Method is null)
        {
            return LowerValue(node.Operand)!; // an identity conversion (of any supported type, verdicts too)
        }
        if (node.Method is not null || node.Type == typeof(Verdict) || node.Operand.Type == typeof(Verdict)
            || Nullable.GetUnderlyingType(node.Type) is not null || Nullable.GetUnderlyingType(node.Operand.Type) is not null)
        {
            throw Error(node, CompileErrors.UnsupportedConversion(node.Operand.Type, node.Type));
        }
        var from = ScalarLayout.Of(node.Operand.Type) ?? throw TypeError(node.Operand);
        var to = ScalarLayout.Of(node.Type) ?? throw TypeError(node);
        if (to.Bits == 1 && from.Bits != 1)
        {
            throw Error(node, CompileErrors.UnsupportedConversion(node.Operand.Type, node.Type));
        }
        return Convert(LowerValue(node.Operand)!, from, to);
    }

    /// <summary>Converts a canonical value of <paramref name="from"/> to the canonical value of <paramref name="to"/>.</summary>
    private Value Convert(Value value, ScalarLayout from, ScalarLayout to)
    {
        if (value is Constant c)
        {
            // Folding here keeps constants typed as C# sees them (a literal converted to long is an i64 literal).
            var bits = from.Ir == IrType.I32 && to.Ir == IrType.I64 && !from.Signed ? (uint)c.Bits : c.Bits;
            return _function.Const(to.Ir, to.Canonical(bits));
        }
        if (from.Ir == IrType.I32 && to.Ir == IrType.I64)
        {
            return _b.Unary(from.Signed ? Op.SExt : Op.ZExt, IrType.I64, value);
        }
        if (from.Ir == IrType.I64 && to.Ir == IrType.I32)
        {
            return NarrowTo(_b.Unary(Op.Trunc, IrType.I32, value), to);
        }
        return FitsWithout(from, to) ? value : NarrowTo(value, to);
    }

    // True when every canonical value of `from` is already the canonical value of `to` with the same C# value bits.
    private static bool FitsWithout(ScalarLayout from, ScalarLayout to) =>
        to.Bits >= 32 // int/uint (or long/ulong) hold any canonical 32-bit (64-bit) pattern as is
        || (from.Bits < to.Bits && (!from.Signed || to.Signed))
        || (from.Bits == to.Bits && from.Signed == to.Signed);

    private Value NarrowTo(Value value, ScalarLayout to)
    {
        if (!to.IsNarrow)
        {
            return value;
        }
        return to.Signed
            ? _b.SExtIn(to.Ir, value, to.Bits)
            : _b.Binary(Op.And, to.Ir, value, _function.Const(to.Ir, (1L << to.Bits) - 1));
    }
}
