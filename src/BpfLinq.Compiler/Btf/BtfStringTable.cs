using System.Text;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The string section of BTF being built: NUL-terminated UTF-8 strings, offset 0 holding the empty
/// string (which is how "anonymous" is encoded). Adding a string that is already present returns
/// its existing offset; offsets never change once handed out, so they can be stored in line_info
/// records before the BTF is marshalled.
/// </summary>
public sealed class BtfStringTable
{
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal) { [""] = 0 };
    private byte[] _bytes = new byte[256];
    private int _length = 1;

    /// <summary>Number of bytes the section occupies, including every terminating NUL.</summary>
    public int Length => _length;

    /// <summary>Number of distinct strings, the empty string included.</summary>
    public int Count => _offsets.Count;

    /// <summary>Adds a string (once) and returns its offset; null and "" are offset 0.</summary>
    /// <exception cref="ArgumentException">The string contains a NUL character.</exception>
    /// <exception cref="InvalidOperationException">The section would exceed the kernel's 16 MiB limit on string offsets.</exception>
    public uint Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }
        if (_offsets.TryGetValue(value, out var existing))
        {
            return existing;
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("BTF strings cannot contain NUL characters", nameof(value));
        }
        var offset = (uint)_length;
        if (offset > BtfWire.MaxNameOffset)
        {
            throw new InvalidOperationException($"the BTF string section is full: offsets above 0x{BtfWire.MaxNameOffset:x} are rejected by the kernel");
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        EnsureCapacity(_length + byteCount + 1);
        Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
        _bytes[_length + byteCount] = 0;
        _length += byteCount + 1;
        _offsets.Add(value, offset);
        return offset;
    }

    /// <summary>Looks a string up without adding it.</summary>
    public bool TryGetOffset(string value, out uint offset)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _offsets.TryGetValue(value, out offset);
    }

    /// <summary>The string at <paramref name="offset"/>, read up to the next NUL.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is outside the section.</exception>
    public string GetString(uint offset)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, (uint)_length);
        var rest = _bytes.AsSpan((int)offset, _length - (int)offset);
        return Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)0)]);
    }

    /// <summary>A copy of the section's bytes.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    internal ReadOnlySpan<byte> AsSpan() => _bytes.AsSpan(0, _length);

    private void EnsureCapacity(int needed)
    {
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }
    }
}
