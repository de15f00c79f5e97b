using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Where a field of a blittable struct lies. With a JIT the CLR says so itself
/// (<see cref="Marshal.OffsetOf(Type, string)"/>); a NativeAOT binary has no marshalling data for the
/// user's structs, so there the offset is computed as the CLR lays out a blittable struct: fields
/// in declaration order, each at the next multiple of its alignment (its size for a scalar, its
/// largest field's for a struct, its element's for a fixed buffer), capped by the struct's Pack
/// (8 when unset); with explicit layout, the field's <see cref="FieldOffsetAttribute"/>.
/// </summary>
internal static class StructFieldOffsets
{
    private const int DefaultPack = 8;

    /// <summary>The byte offset of <paramref name="field"/> in <paramref name="type"/>.</summary>
    public static int Of(Type type, FieldInfo field) =>
        RuntimeFeature.IsDynamicCodeSupported ? (int)Marshal.OffsetOf(type, field.Name) : Computed(type, field);

    /// <summary>The offset as computed from the layout rules (what <see cref="Of"/> uses without a JIT).</summary>
    public static int Computed(Type type, FieldInfo field)
    {
        if (type.StructLayoutAttribute is { Value: LayoutKind.Explicit })
        {
            return field.GetCustomAttribute<FieldOffsetAttribute>()?.Value
                ?? throw new NotSupportedException($"{type.Name}.{field.Name} has no [FieldOffset]");
        }
        var pack = Pack(type);
        var offset = 0;
        foreach (var f in InstanceFields(type))
        {
            var align = Math.Min(AlignmentOf(f), pack);
            offset = (offset + align - 1) / align * align;
            if (f == field)
            {
                return offset;
            }
            offset += RuntimeHelpers.SizeOf(f.FieldType.TypeHandle);
        }
        throw new ArgumentException($"{field.Name} is not an instance field of {type.Name}", nameof(field));
    }

    /// <summary>The struct's instance fields, in declaration order.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Instance fields of a struct with sequential or explicit layout are kept with the struct: removing one would change its layout.")]
    public static FieldInfo[] InstanceFields(Type type) => type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    private static int Pack(Type type) => type.StructLayoutAttribute?.Pack is > 0 and var pack ? pack : DefaultPack;

    private static int AlignmentOf(FieldInfo field) =>
        field.GetCustomAttribute<FixedBufferAttribute>() is { } buffer ? RuntimeHelpers.SizeOf(buffer.ElementType.TypeHandle) : AlignmentOf(field.FieldType);

    private static int AlignmentOf(Type type) =>
        type.IsPrimitive || type.IsEnum || !type.IsValueType
            ? RuntimeHelpers.SizeOf(type.TypeHandle)
            : Math.Min(Pack(type), InstanceFields(type).Select(AlignmentOf).DefaultIfEmpty(1).Max());
}
