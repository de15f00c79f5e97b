namespace BpfLinq.Compiler.Diagnostics;

/// <summary>Type names as C# spells them.</summary>
internal static partial class CSharpRenderer
{
    /// <summary>A type as C# spells it: <c>int</c>, <c>SkBuff</c>, <c>Func&lt;SkBuff, bool&gt;</c>, <c>uint[]</c>, <c>int?</c>.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }
        if (Keyword(type) is { } keyword)
        {
            return keyword;
        }
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    private static string? Keyword(Type type) => Type.GetTypeCode(type) switch
    {
        _ when type == typeof(object) => "object",
        _ when type == typeof(void) => "void",
        _ when type.IsEnum => null,
        TypeCode.Boolean => "bool",
        TypeCode.Char => "char",
        TypeCode.SByte => "sbyte",
        TypeCode.Byte => "byte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        TypeCode.String => "string",
        _ => null,
    };
}
