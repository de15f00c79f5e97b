using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Maps;

// Field paths of key/value structs (v => v.Totals.Bytes), their offsets by the value's layout, and
// the managed twin of an atomic add on one field.
internal static class StructFields
{
    /// <summary>The members from the lambda's parameter to the field, outermost first; null when the body is not such a chain.</summary>
    public static List<MemberInfo>? PathOf(LambdaExpression field)
    {
        var path = new List<MemberInfo>();
        var node = field.Body;
        while (node is MemberExpression { Member: FieldInfo } member)
        {
            path.Insert(0, member.Member);
            node = member.Expression!;
        }
        return node == field.Parameters[0] && path.Count > 0 ? path : null;
    }

    /// <summary>The offset and layout of the field a path names in <paramref name="valueType"/>, or null.</summary>
    public static (int Offset, ValueLayout Field)? Resolve(Type valueType, IEnumerable<MemberInfo> path)
    {
        if (!ValueLayout.TryOf(valueType, out var layout, out _))
        {
            return null;
        }
        var offset = 0;
        foreach (var member in path)
        {
            if (layout.Field(member) is not { } f)
            {
                return null;
            }
            offset += f.Offset;
            layout = f.Layout;
        }
        return (offset, layout);
    }

    public static int OffsetOf(Type valueType, LambdaExpression field) =>
        PathOf(field) is { } path && Resolve(valueType, path) is { Field.Scalar: not null } resolved
            ? resolved.Offset
            : throw new ArgumentException($"{field} does not name an integer field of {valueType.Name}", nameof(field));

    public static void Add<TValue, TField>(ref TValue value, int offset, TField delta)
        where TValue : unmanaged
        where TField : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(new Span<TValue>(ref value));
        ref var slot = ref Unsafe.As<byte, TField>(ref bytes[offset]);
        slot = ManagedIntegers.Add(slot, delta);
    }
}
