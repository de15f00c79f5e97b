namespace BpfLinq.Compiler.Btf;

/// <summary>Name rules shared by every type, member, parameter and enum value.</summary>
internal static class BtfNames
{
    /// <summary>
    /// Null and "" both mean anonymous (string offset 0). A NUL inside a name would silently cut it
    /// short in the string table, so it is rejected here, where the caller can still see why.
    /// </summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"BTF names cannot contain NUL characters: '{name.Replace("\0", "\\0", StringComparison.Ordinal)}'", nameof(name));
        }
        return name;
    }

    /// <summary>Names a kind that BTF requires to be named, e.g. a typedef.</summary>
    public static string Required(string? name, BtfKind kind) =>
        Normalize(name) ?? throw new ArgumentException($"a {KindName(kind)} must have a name", nameof(name));

    /// <summary>The kind's name as bpftool and the kernel's verifier log print it.</summary>
    public static string KindName(BtfKind kind) => kind switch
    {
        BtfKind.Void => "UNKNOWN",
        BtfKind.Int => "INT",
        BtfKind.Pointer => "PTR",
        BtfKind.Array => "ARRAY",
        BtfKind.Struct => "STRUCT",
        BtfKind.Union => "UNION",
        BtfKind.Enum => "ENUM",
        BtfKind.Fwd => "FWD",
        BtfKind.Typedef => "TYPEDEF",
        BtfKind.Volatile => "VOLATILE",
        BtfKind.Const => "CONST",
        BtfKind.Restrict => "RESTRICT",
        BtfKind.Func => "FUNC",
        BtfKind.FuncProto => "FUNC_PROTO",
        BtfKind.Var => "VAR",
        BtfKind.DataSec => "DATASEC",
        BtfKind.Float => "FLOAT",
        BtfKind.DeclTag => "DECL_TAG",
        BtfKind.TypeTag => "TYPE_TAG",
        BtfKind.Enum64 => "ENUM64",
        _ => "UNKNOWN",
    };
}
