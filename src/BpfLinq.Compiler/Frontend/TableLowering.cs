using System.Globalization;
using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// A captured array indexed by a computed value is a lookup table in the program's read-only data
/// (the frozen map strings live in): its address plus the scaled index, then a load. C# would
/// throw for an index out of range, so the index must be masked into range where it is written —
/// <c>table[x &amp; 15]</c> for a table of at least 16 — which is also the bound the verifier needs.
/// <code>
/// ports[skb.Mark &amp; 7]   =&gt;   r1 = rodata + 8 ll; w2 &amp;= 7; r2 &lt;&lt;= 2; r1 += r2; w0 = *(u32 *)(r1 + 0)
/// </code>
/// A feature of <see cref="IrLowering"/>, reached through <see cref="ILoweringScope"/>.
/// </summary>
internal sealed class TableLowering(ILoweringScope scope)
{
    private readonly IrBuilder _b = scope.Builder;

    /// <summary><paramref name="table"/>[<paramref name="index"/>] for <paramref name="node"/>.</summary>
    public Instr LowerLookup(Expression node, Array table, Expression index)
    {
        var elementType = table.GetType().GetElementType()!;
        if (ScalarLayout.Of(elementType) is not { } element || elementType == typeof(bool))
        {
            throw scope.Error(node, CompileErrors.UnsupportedType(table.GetType()));
        }
        if (MaskOf(index) is not { } mask || mask >= table.Length)
        {
            throw scope.Error(index, CompileErrors.TableIndexNotMasked(table.Length));
        }
        var size = element.Bits / 8;
        var bytes = new byte[table.Length * size];
        for (var i = 0; i < table.Length; i++)
        {
            var bits = IrLowering.ConstantBits(table.GetValue(i)!);
            for (var b = 0; b < size; b++)
            {
                bytes[(i * size) + b] = (byte)(bits >> (8 * b)); // little-endian, as the load reads it
            }
        }
        var position = scope.Lower(Unconverted(index))!;
        var wide = position.Type == IrType.I64 ? position : _b.Unary(Op.ZExt, IrType.I64, position);
        var scaled = size == 1 ? wide : _b.Binary(Op.Shl, IrType.I64, wide, _b.I64(System.Numerics.BitOperations.Log2((uint)size)));
        var address = _b.PtrAdd(scope.ReadOnlyData(scope.Module.Constants.AddBytes(bytes)), scaled);
        return _b.LoadScalar(address, 0, element);
    }

    // The constant c of an index written `e & c` (under C#'s conversions to int), or null.
    private static long? MaskOf(Expression index) => Unconverted(index) switch
    {
        BinaryExpression { NodeType: ExpressionType.And, Right: ConstantExpression { Value: { } c } } when c is not bool =>
            System.Convert.ToInt64(c, CultureInfo.InvariantCulture) is var m and >= 0 ? m : null,
        _ => null,
    };

    private static Expression Unconverted(Expression index) =>
        index is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Method: null } c ? Unconverted(c.Operand) : index;
}
