namespace BpfLinq.Compiler.Btf;

/// <summary>
/// How an integer's bits are interpreted: <c>BTF_INT_ENCODING</c>, bits 24–27 of the word after an
/// INT record. The kernel accepts at most one of these; plain unsigned integers have <see cref="None"/>.
/// </summary>
#pragma warning disable CA1720 // members are the kernel's BTF_INT_* names
public enum BtfIntEncoding : byte
{
    /// <summary>Unsigned (bpftool prints <c>(none)</c>).</summary>
    None = 0,
    /// <summary><c>BTF_INT_SIGNED</c>: two's complement signed.</summary>
    Signed = 1,
    /// <summary><c>BTF_INT_CHAR</c>: a character type (used for pretty-printing only).</summary>
    Char = 2,
    /// <summary><c>BTF_INT_BOOL</c>: a boolean.</summary>
    Bool = 4,
}
#pragma warning restore CA1720
