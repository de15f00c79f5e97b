using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Context fields: <c>skb.Len</c>, <c>skb.Cb[2]</c>, <c>skb.RemoteIp6.Length</c>.</summary>
internal sealed partial class IrLowering
{
    // Captured members were folded to constants by normalisation; what is left must be a context field.
    private Value LowerMember(MemberExpression node)
    {
        if (Maps.MapValueFieldOf(node) is { } mapField)
        {
            return Maps.LowerMapValueField(node, mapField);
        }
        var field = ContextFieldOf(node);
        if (field.IsArray)
        {
            throw Error(node, CompileErrors.ContextArrayAsValue(field));
        }
        return LoadField(field, 0);
    }

    private Instr LowerContextElement(Expression node, Expression array, Expression index)
    {
        if (array is ConstantExpression { Value: Array table } && ConstantIndex(index) is null)
        {
            return Tables.LowerLookup(node, table, index);
        }
        if (array is not MemberExpression member)
        {
            throw TypeError(array);
        }
        var field = ContextFieldOf(member);
        if (ConstantIndex(index) is not { } i)
        {
            throw Error(index, CompileErrors.ContextIndexNotConstant(field));
        }
        if (i < 0 || i >= field.Count)
        {
            throw Error(node, CompileErrors.ContextIndexOutOfRange(field, i));
        }
        return LoadField(field, (int)i);
    }

    // A constant index, possibly under the (checked) conversion to int C# puts around a uint index.
    private static long? ConstantIndex(Expression index) => index switch
    {
        ConstantExpression { Value: { } v } when ScalarLayout.Of(v.GetType()) is { Bits: > 1 } => ConstantBits(v),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Method: null } c => ConstantIndex(c.Operand),
        _ => null,
    };

    private Constant LowerContextArrayLength(UnaryExpression node)
    {
        if (node.Operand is not MemberExpression member)
        {
            throw TypeError(node.Operand);
        }
        return _b.I32(ContextFieldOf(member, checkReadable: false).Count);
    }

    // The field a member expression reads: a property of the context parameter that the table knows
    // and the kind may read.
    private ContextField ContextFieldOf(MemberExpression node, bool checkReadable = true)
    {
        if (node.Expression is null)
        {
            throw Error(node, CompileErrors.UnsupportedMember(node.Member));
        }
        if (node.Expression != _contextParameter)
        {
            throw ContextTypes.IsContext(node.Expression.Type)
                ? Error(node.Expression, CompileErrors.ContextMisuse(_contextParameter))
                : Error(node, CompileErrors.UnsupportedMember(node.Member));
        }
        var field = node.Member is PropertyInfo property ? ContextFieldTable.Find(property) : null;
        if (field is null)
        {
            throw Error(node, CompileErrors.UnknownContextMember(node.Member));
        }
        if (checkReadable && !ProgramKindTable.Of(_kind).ReadableFields.Contains(field.Group))
        {
            throw Error(node, CompileErrors.ContextFieldNotReadable(field, _kind));
        }
        return field;
    }

    private Instr LoadField(ContextField field, int index)
    {
        var type = field.Size == 8 ? IrType.I64 : IrType.I32;
        return _b.Load(type, _ctx, field.OffsetOf(index), field.Size);
    }
}
