using System.Buffers.Binary;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// A view of one raw type record (12-byte <c>btf_type</c> plus its tail) inside a type section.
/// Only handed out for records the decoder has bounds-checked, so reads need no further checks.
/// </summary>
internal readonly ref struct BtfRecord
{
    private readonly ReadOnlySpan<byte> _bytes;

    public BtfRecord(ReadOnlySpan<byte> typeSection, int offset)
    {
        _bytes = typeSection[offset..];
    }

    public uint NameOffset => BinaryPrimitives.ReadUInt32LittleEndian(_bytes);

    public uint Info => BinaryPrimitives.ReadUInt32LittleEndian(_bytes[4..]);

    public BtfKind Kind => BtfWire.Kind(Info);

    public int Vlen => BtfWire.Vlen(Info);

    public bool KindFlag => BtfWire.KindFlag(Info);

    /// <summary>The size of INT, STRUCT, UNION, ENUM, ENUM64, DATASEC and FLOAT; the referenced type id of the others.</summary>
    public uint SizeOrType => BinaryPrimitives.ReadUInt32LittleEndian(_bytes[8..]);

    /// <summary>The <paramref name="index"/>-th u32 of the tail.</summary>
    public uint Tail(int index) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(BtfWire.TypeRecordSize + (4 * index))..]);

    /// <summary>Field <paramref name="field"/> of entry <paramref name="entry"/> of a tail of <paramref name="entryWords"/>-word entries.</summary>
    public uint Entry(int entry, int entryWords, int field) => Tail((entry * entryWords) + field);
}
