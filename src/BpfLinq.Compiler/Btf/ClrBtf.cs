using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// BTF for map keys and values, so <c>bpftool map dump</c> prints field names: integers with
/// their C# names, sizes and signedness, enums as their underlying integers, structs with each field
/// at its bit offset, nested structs as their own STRUCTs, fixed buffers as ARRAYs.
/// </summary>
internal static class ClrBtf
{
    /// <summary>A BTF blob describing <paramref name="keyType"/> and <paramref name="valueType"/>, with their ids; null when either has no fixed layout.</summary>
    public static MapBtf? ForMap(Type keyType, Type valueType)
    {
        if (!ValueLayout.TryOf(keyType, out var key, out _) || !ValueLayout.TryOf(valueType, out var value, out _))
        {
            return null;
        }
        var builder = new BtfBuilder();
        var types = new Dictionary<Type, BtfType>();
        var keyId = builder.Add(Describe(key, types));
        var valueId = builder.Add(Describe(value, types));
        return new MapBtf(builder.Marshal(), keyId, valueId);
    }

    private static BtfType Describe(ValueLayout layout, Dictionary<Type, BtfType> types)
    {
        if (types.TryGetValue(layout.Type, out var known))
        {
            return known;
        }
        BtfType type;
        if (layout.Scalar is { } scalar)
        {
            var encoding = layout.Type == typeof(bool) ? BtfIntEncoding.Bool : scalar.Signed ? BtfIntEncoding.Signed : BtfIntEncoding.None;
            type = new BtfInt(IntName(layout), (uint)layout.Size, encoding);
        }
        else if (layout.FixedBuffer is { } buffer && ValueLayout.TryOf(buffer.Element, out var element, out _))
        {
            type = new BtfArray(Describe(element, types), new BtfInt("int", 4, BtfIntEncoding.Signed), (uint)buffer.Count);
            return type; // arrays are not named: one per field
        }
        else
        {
            type = new BtfStruct(layout.Type.Name, (uint)layout.Size,
                layout.Fields.Select(f => new BtfMember(f.Name, Describe(f.Layout, types), (uint)f.Offset * 8)));
        }
        types[layout.Type] = type;
        return type;
    }

    private static string IntName(ValueLayout layout) => (layout.Type.IsEnum ? Enum.GetUnderlyingType(layout.Type) : layout.Type).Name switch
    {
        "Boolean" => "bool",
        "Byte" => "byte",
        "SByte" => "sbyte",
        "Int16" => "short",
        "UInt16" => "ushort",
        "Int32" => "int",
        "UInt32" => "uint",
        "Int64" => "long",
        "UInt64" => "ulong",
        var other => other,
    };
}
