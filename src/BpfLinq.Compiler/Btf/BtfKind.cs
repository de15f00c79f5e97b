namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The kind of a BTF type: bits 24–28 of <c>btf_type.info</c>, numbered as the kernel's
/// <c>BTF_KIND_*</c> constants in <c>include/uapi/linux/btf.h</c> (Linux 6.18).
/// </summary>
#pragma warning disable CA1720 // members are the kernel's BTF_KIND_* names
public enum BtfKind : byte
{
    /// <summary><c>BTF_KIND_UNKN</c>: only type id 0, <c>void</c>, has it; it is never encoded.</summary>
    Void = 0,
    /// <summary><c>BTF_KIND_INT</c>: an integer, char or bool.</summary>
    Int = 1,
    /// <summary><c>BTF_KIND_PTR</c>: a pointer.</summary>
    Pointer = 2,
    /// <summary><c>BTF_KIND_ARRAY</c>: a fixed-size array.</summary>
    Array = 3,
    /// <summary><c>BTF_KIND_STRUCT</c>: a struct.</summary>
    Struct = 4,
    /// <summary><c>BTF_KIND_UNION</c>: a union.</summary>
    Union = 5,
    /// <summary><c>BTF_KIND_ENUM</c>: an enumeration with values of up to 32 bits.</summary>
    Enum = 6,
    /// <summary><c>BTF_KIND_FWD</c>: a forward declaration of a struct or union.</summary>
    Fwd = 7,
    /// <summary><c>BTF_KIND_TYPEDEF</c>: a typedef.</summary>
    Typedef = 8,
    /// <summary><c>BTF_KIND_VOLATILE</c>: the <c>volatile</c> qualifier.</summary>
    Volatile = 9,
    /// <summary><c>BTF_KIND_CONST</c>: the <c>const</c> qualifier.</summary>
    Const = 10,
    /// <summary><c>BTF_KIND_RESTRICT</c>: the <c>restrict</c> qualifier.</summary>
    Restrict = 11,
    /// <summary><c>BTF_KIND_FUNC</c>: a function (a name, a linkage and a prototype), not a type.</summary>
    Func = 12,
    /// <summary><c>BTF_KIND_FUNC_PROTO</c>: a function prototype.</summary>
    FuncProto = 13,
    /// <summary><c>BTF_KIND_VAR</c>: a global variable.</summary>
    Var = 14,
    /// <summary><c>BTF_KIND_DATASEC</c>: a data section holding variables.</summary>
    DataSec = 15,
    /// <summary><c>BTF_KIND_FLOAT</c>: a floating-point type.</summary>
    Float = 16,
    /// <summary><c>BTF_KIND_DECL_TAG</c>: a tag on a declaration, a member or a parameter.</summary>
    DeclTag = 17,
    /// <summary><c>BTF_KIND_TYPE_TAG</c>: a tag on a (pointee) type.</summary>
    TypeTag = 18,
    /// <summary><c>BTF_KIND_ENUM64</c>: an enumeration with 64-bit values.</summary>
    Enum64 = 19,
}
#pragma warning restore CA1720
