namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_PTR</c>: an anonymous pointer (8 bytes on every BPF target).</summary>
public sealed class BtfPointer : BtfType
{
    private BtfType _target;

    /// <summary>Creates a pointer to <paramref name="target"/> (<see cref="BtfVoid.Instance"/> for <c>void *</c>).</summary>
    public BtfPointer(BtfType target)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Pointer;

    /// <summary>The pointee; settable so that cycles can be closed after construction.</summary>
    public BtfType Target
    {
        get => _target;
        set => _target = value ?? throw new ArgumentNullException(nameof(value));
    }
}
