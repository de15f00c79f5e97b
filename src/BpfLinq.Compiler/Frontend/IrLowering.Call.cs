using System.Globalization;
using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Maps;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Constants, verdicts and intrinsic calls. A verdict is the i64 the program kind returns for it,
/// so <c>cond ? Pass : Drop</c> is a choice between two constants and <c>Verdict.Keep(n)</c> is <c>n</c>.
/// </summary>
internal sealed partial class IrLowering
{
    private Constant LowerConstant(ConstantExpression node)
    {
        if (node.Value is Verdict verdict)
        {
            return VerdictValue(verdict, node);
        }
        if (ScalarLayout.Of(node.Type) is { } type && node.Value is not null)
        {
            return _function.Const(type.Ir, type.Canonical(ConstantBits(node.Value)));
        }
        throw TypeError(node);
    }

    /// <summary>The bits of a constant of a scalar C# type, as its IR constant holds them.</summary>
    internal static long ConstantBits(object value) => value switch
    {
        bool b => b ? 1 : 0,
        char c => c,
        ulong u => unchecked((long)u),
        Enum e when Enum.GetUnderlyingType(e.GetType()) == typeof(ulong) => unchecked((long)System.Convert.ToUInt64(e, CultureInfo.InvariantCulture)),
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The return value of a verdict, which must exist for the program kind.</summary>
    private Constant VerdictValue(Verdict verdict, Expression node)
    {
        if (!verdict.IsValidFor(_kind))
        {
            throw Error(node, CompileErrors.VerdictNotValidForKind(verdict, _kind));
        }
        return _b.I64(verdict.ToReturnValue(_kind));
    }

    // Every method a lambda may call is a row of the intrinsic table.
    private Value? LowerCall(MethodCallExpression node) =>
        IntrinsicTable.Find(node.Method) is { } lowering ? lowering(this, node) : throw UnsupportedCall(node);

    // A method of a map that is not captured is reported as that; any other as not supported.
    private BpfCompileException UnsupportedCall(MethodCallExpression node) =>
        typeof(MapDefinition).IsAssignableFrom(node.Method.DeclaringType) && node.Object is not ConstantExpression { Value: MapDefinition }
            ? Error(node.Object ?? node, CompileErrors.MapNotCaptured(node.Object ?? node))
            : Error(node, CompileErrors.UnsupportedMethod(node.Method));

    /// <summary><c>Verdict.Keep(n)</c>: the return value is <c>n</c> (socket filters).</summary>
    internal Value LowerVerdictKeep(MethodCallExpression node)
    {
        VerdictValue(Verdict.Keep(0), node); // checks the kind
        var bytes = LowerValue(node.Arguments[0])!;
        return bytes is Constant c ? _b.I64((uint)c.Bits) : _b.Unary(Op.ZExt, IrType.I64, bytes);
    }

    /// <summary><c>Bpf.Div</c>/<c>Bpf.Rem</c>: eBPF's division, exactly what the managed implementation computes.</summary>
    internal Value LowerEbpfDivision(MethodCallExpression node, Op signed, Op unsigned)
    {
        var type = ScalarOf(node);
        var a = LowerValue(node.Arguments[0])!;
        var b = LowerValue(node.Arguments[1])!;
        return _b.Binary(type.Signed ? signed : unsigned, type.Ir, a, b);
    }

    /// <summary>The value of <c>default(T)</c> (null for void): zero, or the verdict <c>default(Verdict)</c> is (Pass).</summary>
    private Constant? DefaultOf(Expression node) => node.Type == typeof(void) ? null : InitialValue(node, node.Type);

    private Constant InitialValue(Expression node, Type type) =>
        type == typeof(Verdict) ? VerdictValue(default, node) : _function.Const(IrTypeOf(node, type), 0);
}
