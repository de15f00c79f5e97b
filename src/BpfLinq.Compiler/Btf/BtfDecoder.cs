using System.Buffers.Binary;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Decodes raw BTF (what <c>/sys/kernel/btf/vmlinux</c> holds and <c>BPF_BTF_LOAD</c> takes) into a
/// <see cref="BtfSpec"/>. The bytes are validated up front — header, section bounds, every record's
/// length, kind, flags and string offsets, every type id a record refers to — so that everything
/// after decoding is total; objects are then created lazily, per type and on demand. The library
/// does no I/O: the caller reads the file (e.g. <c>File.ReadAllBytes("/sys/kernel/btf/vmlinux")</c>).
/// </summary>
public static class BtfDecoder
{
    /// <summary>Decodes base (standalone) BTF such as vmlinux's.</summary>
    /// <param name="data">The raw BTF; kept, not copied, so it must not change afterwards.</param>
    /// <exception cref="BtfFormatException">The bytes are not valid BTF.</exception>
    public static BtfSpec Decode(ReadOnlyMemory<byte> data) => Decode(data, null);

    /// <summary>
    /// Decodes split BTF (a kernel module's <c>/sys/kernel/btf/&lt;module&gt;</c>) on top of its base:
    /// its type ids continue after the base's last id and its string offsets after the base's strings.
    /// </summary>
    /// <param name="data">The raw split BTF; kept, not copied.</param>
    /// <param name="baseSpec">The decoded base, normally vmlinux; null for standalone BTF.</param>
    /// <exception cref="BtfFormatException">The bytes are not valid BTF.</exception>
    public static BtfSpec Decode(ReadOnlyMemory<byte> data, BtfSpec? baseSpec)
    {
        var span = data.Span;
        if (span.Length < BtfWire.HeaderSize)
        {
            throw new BtfFormatException($"BTF is {span.Length} bytes, shorter than the {BtfWire.HeaderSize}-byte btf_header");
        }
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(span);
        if (magic != BtfWire.Magic)
        {
            throw new BtfFormatException(magic == BinaryPrimitives.ReverseEndianness(BtfWire.Magic)
                ? "BTF is big-endian (magic 0x9feb); only little-endian BTF is supported"
                : $"bad BTF magic 0x{magic:x4}, expected 0xeb9f");
        }
        if (span[2] != BtfWire.Version)
        {
            throw new BtfFormatException($"unsupported BTF version {span[2]}, expected {BtfWire.Version}");
        }
        if (span[3] != 0)
        {
            throw new BtfFormatException($"unsupported BTF header flags 0x{span[3]:x2}");
        }
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
        if (headerLength < BtfWire.HeaderSize || headerLength > (uint)span.Length)
        {
            throw new BtfFormatException($"BTF header length {headerLength} is outside {BtfWire.HeaderSize}..{span.Length}");
        }
        if (span[BtfWire.HeaderSize..(int)headerLength].ContainsAnyExcept((byte)0))
        {
            throw new BtfFormatException($"BTF header bytes {BtfWire.HeaderSize}..{headerLength} are not zero: the header is from a newer format");
        }
        var body = data[(int)headerLength..];
        var types = Section(body, "type", BinaryPrimitives.ReadUInt32LittleEndian(span[8..]), BinaryPrimitives.ReadUInt32LittleEndian(span[12..]));
        var strings = Section(body, "string", BinaryPrimitives.ReadUInt32LittleEndian(span[16..]), BinaryPrimitives.ReadUInt32LittleEndian(span[20..]));
        CheckLayout(span, types, strings, baseSpec is not null);

        var stringSection = new BtfStringSection(body.Slice(strings.Offset, strings.Length), baseSpec?.Strings);
        var typeSection = body.Slice(types.Offset, types.Length);
        var firstId = baseSpec?.TypeCount ?? 1;
        var offsets = BtfTypeSectionScanner.Scan(typeSection.Span, stringSection, firstId);
        var spec = new BtfSpec(typeSection, offsets, stringSection, baseSpec);
        BtfTypeSectionScanner.CheckReferences(spec);
        return spec;
    }

    private static (int Offset, int Length) Section(ReadOnlyMemory<byte> body, string name, uint offset, uint length)
    {
        if ((ulong)offset + length > (ulong)body.Length)
        {
            throw new BtfFormatException($"BTF {name} section [{offset}, {(ulong)offset + length}) lies outside the {body.Length} bytes after the header");
        }
        return ((int)offset, (int)length);
    }

    private static void CheckLayout(ReadOnlySpan<byte> span, (int Offset, int Length) types, (int Offset, int Length) strings, bool split)
    {
        if (types.Offset % 4 != 0)
        {
            throw new BtfFormatException($"BTF type section offset {types.Offset} is not 4-byte aligned");
        }
        if (types.Length > 0 && strings.Length > 0
            && types.Offset < strings.Offset + strings.Length && strings.Offset < types.Offset + types.Length)
        {
            throw new BtfFormatException($"BTF type section [{types.Offset}, {types.Offset + types.Length}) and string section [{strings.Offset}, {strings.Offset + strings.Length}) overlap");
        }
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
        var text = span[(int)headerLength..].Slice(strings.Offset, strings.Length);
        if (!split && (text.IsEmpty || text[0] != 0))
        {
            throw new BtfFormatException("BTF string section must start with the empty string (a NUL byte at offset 0)");
        }
        if (!text.IsEmpty && text[^1] != 0)
        {
            throw new BtfFormatException("BTF string section does not end with a NUL byte");
        }
    }
}
