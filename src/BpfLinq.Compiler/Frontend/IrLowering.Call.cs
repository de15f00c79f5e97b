using System.Globalization;
using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend.Normalize;
using BpfLinq.Compiler.Ir;

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

    private static long ConstantBits(object value) => value switch
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

    private Value? LowerCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(PacketPrimitives))
        {
            return LowerPacketPrimitive(node);
        }
        if (typeof(BpfLinq.Maps.MapDefinition).IsAssignableFrom(node.Method.DeclaringType))
        {
            return node.Object is ConstantExpression { Value: BpfLinq.Maps.MapDefinition map }
                ? LowerMapCall(node, map)
                : throw Error(node.Object ?? node, CompileErrors.MapNotCaptured(node.Object ?? node));
        }
        if (ExpandFunctions.CalledFunction(node) is { } function)
        {
            return LowerFunctionCall(node, function);
        }
        if (DesugarLoops.IsLoop(node))
        {
            return LowerLoopCall(node);
        }
        if (node.Method.DeclaringType == typeof(Bpf) && IntrinsicTable.Find(node.Method) is null)
        {
            return LowerHelperCall(node);
        }
        var intrinsic = IntrinsicTable.Find(node.Method) ?? throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        switch (intrinsic.Kind)
        {
            case IntrinsicKind.VerdictKeep:
                VerdictValue(Verdict.Keep(0), node); // checks the kind
                var bytes = LowerValue(node.Arguments[0])!;
                return bytes is Constant c ? _b.I64((uint)c.Bits) : _b.Unary(Op.ZExt, IrType.I64, bytes);
            default:
                // Bpf.Div/Rem: eBPF's division, exactly what the managed implementation computes.
                var type = ScalarOf(node);
                var a = LowerValue(node.Arguments[0])!;
                var b = LowerValue(node.Arguments[1])!;
                return _b.Binary(intrinsic.Op, type.Ir, a, b);
        }
    }

    /// <summary>The value of <c>default(T)</c> (null for void): zero, or the verdict <c>default(Verdict)</c> is (Pass).</summary>
    private Constant? DefaultOf(Expression node) => node.Type == typeof(void) ? null : InitialValue(node, node.Type);

    private Constant InitialValue(Expression node, Type type) =>
        type == typeof(Verdict) ? VerdictValue(default, node) : _function.Const(IrTypeOf(node, type), 0);
}
