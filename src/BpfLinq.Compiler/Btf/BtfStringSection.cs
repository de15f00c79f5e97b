using System.Text;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The decoded string section, read in place. In split BTF the offsets continue those of the base:
/// an offset below the base's length is a base string.
/// </summary>
internal sealed class BtfStringSection
{
    private readonly ReadOnlyMemory<byte> _own;
    private readonly BtfStringSection? _base;
    private readonly uint _baseLength;

    /// <summary>Wraps a section already checked to end with NUL (and, without a base, to start with one).</summary>
    public BtfStringSection(ReadOnlyMemory<byte> own, BtfStringSection? baseSection)
    {
        _own = own;
        _base = baseSection;
        _baseLength = baseSection?.Length ?? 0;
    }

    /// <summary>Length of the base's strings plus this section's.</summary>
    public uint Length => _baseLength + (uint)_own.Length;

    public bool Contains(uint offset) => offset < Length;

    /// <summary>The bytes of the string at <paramref name="offset"/>, without its NUL.</summary>
    public ReadOnlySpan<byte> Bytes(uint offset)
    {
        if (offset < _baseLength)
        {
            return _base!.Bytes(offset);
        }
        var rest = _own.Span[(int)(offset - _baseLength)..];
        return rest[..rest.IndexOf((byte)0)];
    }

    public bool IsEmpty(uint offset) => Bytes(offset).IsEmpty;

    public string Get(uint offset) => Encoding.UTF8.GetString(Bytes(offset));
}
