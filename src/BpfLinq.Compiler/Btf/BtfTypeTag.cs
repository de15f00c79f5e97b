namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_TYPE_TAG</c>: <c>__attribute__((btf_type_tag("name")))</c> on the pointee of a
/// pointer, e.g. <c>rcu</c>, <c>user</c> or <c>percpu</c>. With <see cref="IsAttribute"/> (the
/// record's <c>kind_flag</c>, Linux 6.14+) the name is an arbitrary C attribute instead of a tag.
/// </summary>
public sealed class BtfTypeTag : BtfQualifier
{
    /// <summary>Creates a type tag.</summary>
    /// <param name="name">The tag's value.</param>
    /// <param name="target">The tagged type.</param>
    /// <param name="isAttribute">Whether the name is a C attribute (<c>kind_flag = 1</c>).</param>
    public BtfTypeTag(string name, BtfType target, bool isAttribute = false)
        : base(BtfNames.Required(name, BtfKind.TypeTag), target)
    {
        IsAttribute = isAttribute;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.TypeTag;

    /// <summary>Whether the tag is an arbitrary attribute (<c>kind_flag = 1</c>).</summary>
    public bool IsAttribute { get; }
}
