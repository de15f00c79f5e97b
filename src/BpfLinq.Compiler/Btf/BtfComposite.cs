using System.Diagnostics.CodeAnalysis;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// What structs and unions share: a byte size and a list of members. Encoded with
/// <c>kind_flag = 1</c> (bitfield sizes packed into the member offsets) exactly when some member is a
/// bitfield; otherwise member offsets are plain bit offsets.
/// </summary>
public abstract class BtfComposite : BtfType, IBtfSized
{
    private protected BtfComposite(string? name, uint size, IEnumerable<BtfMember>? members)
        : base(name)
    {
        Size = size;
        Members = new BtfList<BtfMember>(members);
    }

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }

    /// <summary>The members, in declaration order; add to it to close cycles after construction.</summary>
    public IList<BtfMember> Members { get; }

    /// <summary>
    /// Finds a field by name or by a dotted path (<c>"link_create.target_fd"</c>), looking through
    /// anonymous struct and union members as C does: in <c>union bpf_attr</c>, <c>"prog_type"</c>
    /// is found inside the anonymous struct used by <c>BPF_PROG_LOAD</c>. Each path segment after the
    /// first is looked up in the (typedef- and qualifier-stripped) struct or union type of the previous
    /// one. A type's own members are searched before the insides of its anonymous members (valid C
    /// never has the same name in both).
    /// </summary>
    /// <param name="path">A member name, or names joined by dots.</param>
    /// <param name="field">The field's location relative to the start of this type.</param>
    /// <returns>True when every segment was found.</returns>
    public bool TryFindField(string path, [NotNullWhen(true)] out BtfFieldLocation? field)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        field = BtfFieldSearch.Find(this, path);
        return field is not null;
    }

    /// <summary>Like <see cref="TryFindField"/>, but throws when the field does not exist.</summary>
    /// <exception cref="KeyNotFoundException">No field has that path.</exception>
    public BtfFieldLocation FindField(string path) =>
        TryFindField(path, out var field)
            ? field
            : throw new KeyNotFoundException($"{this} has no field '{path}' (anonymous members were searched too)");
}
