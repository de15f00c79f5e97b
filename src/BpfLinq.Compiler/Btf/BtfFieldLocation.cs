namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Where a field lives inside a struct or union, as found by <see cref="BtfComposite.FindField"/>:
/// its offset from the start of the outer type (summed over every enclosing member, anonymous or
/// named) and the chain of members walked to reach it.
/// </summary>
public sealed class BtfFieldLocation
{
    internal BtfFieldLocation(string path, IReadOnlyList<BtfMember> chain, ulong bitOffset)
    {
        Path = path;
        Chain = chain;
        BitOffset = bitOffset;
    }

    /// <summary>The path that was looked up.</summary>
    public string Path { get; }

    /// <summary>
    /// Every member walked from the outer type to the field, anonymous ones included. For
    /// <c>"prog_type"</c> in <c>union bpf_attr</c>, <c>Chain[0]</c> is the anonymous struct member
    /// that <c>BPF_PROG_LOAD</c> uses (whose type's size is that command's attribute size) and
    /// <c>Chain[^1]</c> is <c>prog_type</c> itself.
    /// </summary>
    public IReadOnlyList<BtfMember> Chain { get; }

    /// <summary>The field's member record (<c>Chain[^1]</c>).</summary>
    public BtfMember Member => Chain[^1];

    /// <summary>Offset of the field's first bit from the start of the outer type.</summary>
    public ulong BitOffset { get; }

    /// <summary>Offset of the byte holding the field's first bit.</summary>
    public ulong ByteOffset => BitOffset / 8;

    /// <summary>True when the field is a bitfield (<see cref="BtfMember.BitfieldSize"/> non-zero).</summary>
    public bool IsBitfield => Member.BitfieldSize != 0;

    /// <summary>
    /// Size in bytes of the field's type (for a bitfield, of its underlying integer type).
    /// </summary>
    /// <exception cref="InvalidOperationException">The field's type has no size (e.g. a forward declaration).</exception>
    public ulong Size => BtfLayout.SizeOf(Member.Type);

    /// <summary>E.g. <c>prog_type @ byte 0</c>, or <c>flags @ bit 35:3</c> for a bitfield.</summary>
    public override string ToString() =>
        IsBitfield ? $"{Path} @ bit {BitOffset}:{Member.BitfieldSize}" : $"{Path} @ byte {ByteOffset}";
}
