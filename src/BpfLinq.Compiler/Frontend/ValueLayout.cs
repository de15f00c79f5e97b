using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The memory layout of a map key, value or ring buffer record type: a scalar, or an unmanaged
/// struct with sequential or explicit layout whose fields are scalars, nested such structs and
/// fixed-size buffers (<c>fixed byte Name[16]</c>). Offsets are the CLR's own (blittable structs
/// lay out the same in managed code and in marshalling, which <see cref="StructFieldOffsets"/>
/// reports), checked against the runtime's size of the type (<see cref="RuntimeHelpers.SizeOf(RuntimeTypeHandle)"/>, <see cref="Unsafe.SizeOf{T}"/>'s); bool and char, which are not
/// blittable, are refused inside structs (use byte and ushort).
/// </summary>
internal sealed class ValueLayout
{
    private static readonly ConcurrentDictionary<Type, object> s_cache = new();

    private ValueLayout(Type type, int size, ScalarLayout? scalar, IReadOnlyList<FieldLayout> fields, (Type Element, int Count)? fixedBuffer)
    {
        Type = type;
        Size = size;
        Scalar = scalar;
        Fields = fields;
        FixedBuffer = fixedBuffer;
    }

    /// <summary>The CLR type.</summary>
    public Type Type { get; }

    /// <summary>Size in bytes.</summary>
    public int Size { get; }

    /// <summary>For a scalar, its layout; null for structs.</summary>
    public ScalarLayout? Scalar { get; }

    /// <summary>For a struct, its fields in offset order.</summary>
    public IReadOnlyList<FieldLayout> Fields { get; }

    /// <summary>For a fixed-size buffer, its element type and length.</summary>
    public (Type Element, int Count)? FixedBuffer { get; }

    /// <summary>The layout of <paramref name="type"/>, or a reason it has none.</summary>
    public static bool TryOf(Type type, out ValueLayout layout, out string reason)
    {
        var cached = s_cache.GetOrAdd(type, t => Compute(t, topLevel: true));
        layout = (cached as ValueLayout)!;
        reason = cached as string ?? "";
        return layout is not null;
    }

    /// <summary>The field a member access names, or null.</summary>
    public FieldLayout? Field(MemberInfo member) => Fields.FirstOrDefault(f => f.Field == member);

    private static object Compute(Type type, bool topLevel)
    {
        if (ScalarLayout.Of(type) is { } scalar && type != typeof(char) && (topLevel || type != typeof(bool)))
        {
            return new ValueLayout(type, type == typeof(bool) ? 1 : RuntimeHelpers.SizeOf(type.TypeHandle), scalar, [], null);
        }
        if (!type.IsValueType || type.IsPrimitive || type.IsEnum)
        {
            return $"{type.Name} is not a primitive or an unmanaged struct";
        }
        if (type.IsGenericType)
        {
            return $"{type.Name} is generic; declare a struct for the key or value";
        }
        if (type.StructLayoutAttribute?.Value is not (LayoutKind.Sequential or LayoutKind.Explicit))
        {
            return $"{type.Name} has automatic layout; give it [StructLayout(LayoutKind.Sequential)]";
        }
        var size = RuntimeHelpers.SizeOf(type.TypeHandle);
        if (type.GetCustomAttribute<UnsafeValueTypeAttribute>() is not null && type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
        {
            return size; // a fixed buffer's storage struct: its owner describes it
        }
        var fields = new List<FieldLayout>();
        // The types asked about are the unmanaged structs a program uses as map keys, values and records
        // (the checks above refuse anything else), and the structs their fields hold, whose fields the
        // trimmer keeps with them.
        foreach (var field in StructFieldOffsets.InstanceFields(type))
        {
            if (field.GetCustomAttribute<FixedBufferAttribute>() is { } buffer)
            {
                var element = Compute(buffer.ElementType, topLevel: false);
                if (element is string why)
                {
                    return $"{type.Name}.{field.Name}: {why}";
                }
                var bufferLayout = new ValueLayout(field.FieldType, ((ValueLayout)element).Size * buffer.Length, null, [], (buffer.ElementType, buffer.Length));
                fields.Add(new FieldLayout(field.Name, field, OffsetOf(type, field), bufferLayout));
                continue;
            }
            var layout = Compute(field.FieldType, topLevel: false);
            if (layout is string reason)
            {
                return $"{type.Name}.{field.Name}: {reason}";
            }
            fields.Add(new FieldLayout(field.Name, field, OffsetOf(type, field), (ValueLayout)layout));
        }
        fields.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        if (fields.Count == 0)
        {
            return $"{type.Name} has no fields";
        }
        return new ValueLayout(type, size, null, fields, null);
    }

    private static int OffsetOf(Type type, FieldInfo field) => StructFieldOffsets.Of(type, field);
}

/// <summary>A struct field: its name, offset and layout.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="Field">The field.</param>
/// <param name="Offset">Bytes from the start of the struct.</param>
/// <param name="Layout">The field's own layout.</param>
internal sealed record FieldLayout(string Name, FieldInfo Field, int Offset, ValueLayout Layout);
