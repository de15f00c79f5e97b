namespace BpfLinq.Compiler.Btf;

/// <summary>
/// One member of a struct or union (<c>struct btf_member</c>). Anonymous members (a nested anonymous
/// struct or union) have a <see langword="null"/> name; <see cref="BtfComposite.FindField"/> looks
/// through them.
/// </summary>
public sealed record BtfMember
{
    /// <summary>Creates a member.</summary>
    /// <param name="name">The member's name, or <see langword="null"/> for an anonymous member.</param>
    /// <param name="type">The member's type.</param>
    /// <param name="bitOffset">Offset of the member from the start of the struct, in bits.</param>
    /// <param name="bitfieldSize">Width of a bitfield in bits (1–255), or 0 for an ordinary member.</param>
    public BtfMember(string? name, BtfType type, uint bitOffset, int bitfieldSize = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bitfieldSize, 255u, nameof(bitfieldSize));
        Name = BtfNames.Normalize(name);
        Type = type;
        BitOffset = bitOffset;
        BitfieldSize = bitfieldSize;
    }

    /// <summary>The member's name, or <see langword="null"/> when anonymous.</summary>
    public string? Name { get; }

    /// <summary>The member's type.</summary>
    public BtfType Type { get; }

    /// <summary>Offset from the start of the enclosing struct or union, in bits.</summary>
    public uint BitOffset { get; }

    /// <summary>Bitfield width in bits, or 0 when the member is not a bitfield.</summary>
    public int BitfieldSize { get; }
}
