namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_DECL_TAG</c>: <c>__attribute__((btf_decl_tag("name")))</c> on a declaration. It tags
/// <see cref="Target"/> itself when <see cref="ComponentIndex"/> is -1, or its member or parameter
/// number <see cref="ComponentIndex"/> (for a FUNC, a parameter of its prototype). The kernel marks
/// its kfuncs with <c>bpf_kfunc</c> decl tags. With <see cref="IsAttribute"/> (<c>kind_flag</c>,
/// Linux 6.14+) the name is an arbitrary C attribute.
/// </summary>
public sealed class BtfDeclTag : BtfType
{
    private BtfType _target;

    /// <summary>Creates a decl tag.</summary>
    /// <param name="name">The tag's value.</param>
    /// <param name="target">The tagged struct, union, func, var or typedef.</param>
    /// <param name="componentIndex">-1 for the target itself, else a member or parameter index.</param>
    /// <param name="isAttribute">Whether the name is a C attribute (<c>kind_flag = 1</c>).</param>
    public BtfDeclTag(string name, BtfType target, int componentIndex = -1, bool isAttribute = false)
        : base(BtfNames.Required(name, BtfKind.DeclTag))
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentIndex, -1);
        _target = target;
        ComponentIndex = componentIndex;
        IsAttribute = isAttribute;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.DeclTag;

    /// <summary>The tagged declaration.</summary>
    public BtfType Target
    {
        get => _target;
        set => _target = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>-1 for the whole target, otherwise the index of the tagged member or parameter.</summary>
    public int ComponentIndex { get; }

    /// <summary>Whether the tag is an arbitrary attribute (<c>kind_flag = 1</c>).</summary>
    public bool IsAttribute { get; }
}
