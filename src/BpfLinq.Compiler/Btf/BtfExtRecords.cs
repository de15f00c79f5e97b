using System.Buffers.Binary;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The func_info and line_info arrays that <c>BPF_PROG_LOAD</c> takes next to a program's BTF
/// (<c>func_info</c>/<c>func_info_rec_size</c>, <c>line_info</c>/<c>line_info_rec_size</c>): packed
/// little-endian records of <see cref="FuncInfo.SizeInBytes"/> and <see cref="LineInfo.SizeInBytes"/>
/// bytes. Decoding accepts larger record sizes, as the kernel does for forward compatibility, and
/// ignores the extra bytes of each record.
/// </summary>
public static class BtfExtRecords
{
    // The kernel's limits on the record sizes: MAX_FUNCINFO_REC_SIZE, and a page for line_info.
    private const int MaxFuncInfoRecordSize = 252;
    private const int MaxLineInfoRecordSize = 4096;

    /// <summary>Encodes func_info records, one per function, in instruction order.</summary>
    public static byte[] EncodeFuncInfos(ReadOnlySpan<FuncInfo> records)
    {
        var bytes = new byte[records.Length * FuncInfo.SizeInBytes];
        for (var i = 0; i < records.Length; i++)
        {
            var slot = bytes.AsSpan(i * FuncInfo.SizeInBytes);
            BinaryPrimitives.WriteUInt32LittleEndian(slot, records[i].InsnOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], records[i].TypeId);
        }
        return bytes;
    }

    /// <summary>Encodes line_info records, in instruction order.</summary>
    public static byte[] EncodeLineInfos(ReadOnlySpan<LineInfo> records)
    {
        var bytes = new byte[records.Length * LineInfo.SizeInBytes];
        for (var i = 0; i < records.Length; i++)
        {
            var slot = bytes.AsSpan(i * LineInfo.SizeInBytes);
            BinaryPrimitives.WriteUInt32LittleEndian(slot, records[i].InsnOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], records[i].FileNameOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], records[i].LineOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[12..], records[i].LineColumn);
        }
        return bytes;
    }

    /// <summary>Decodes func_info records of <paramref name="recordSize"/> bytes each.</summary>
    /// <exception cref="BtfFormatException">The record size is below 8, above 252 or unaligned, or the bytes are not a whole number of records.</exception>
    public static FuncInfo[] DecodeFuncInfos(ReadOnlySpan<byte> bytes, int recordSize = FuncInfo.SizeInBytes)
    {
        var records = new FuncInfo[Count(bytes, recordSize, FuncInfo.SizeInBytes, MaxFuncInfoRecordSize, "func_info")];
        for (var i = 0; i < records.Length; i++)
        {
            var slot = bytes[(i * recordSize)..];
            records[i] = new FuncInfo(BinaryPrimitives.ReadUInt32LittleEndian(slot), BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]));
        }
        return records;
    }

    /// <summary>Decodes line_info records of <paramref name="recordSize"/> bytes each.</summary>
    /// <exception cref="BtfFormatException">The record size is below 16, above 4096 or unaligned, or the bytes are not a whole number of records.</exception>
    public static LineInfo[] DecodeLineInfos(ReadOnlySpan<byte> bytes, int recordSize = LineInfo.SizeInBytes)
    {
        var records = new LineInfo[Count(bytes, recordSize, LineInfo.SizeInBytes, MaxLineInfoRecordSize, "line_info")];
        for (var i = 0; i < records.Length; i++)
        {
            var slot = bytes[(i * recordSize)..];
            records[i] = new LineInfo(
                BinaryPrimitives.ReadUInt32LittleEndian(slot),
                BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]),
                BinaryPrimitives.ReadUInt32LittleEndian(slot[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(slot[12..]));
        }
        return records;
    }

    private static int Count(ReadOnlySpan<byte> bytes, int recordSize, int minimum, int maximum, string what)
    {
        if (recordSize < minimum || recordSize > maximum || recordSize % 4 != 0)
        {
            throw new BtfFormatException($"{what} record size {recordSize} is not a multiple of 4 in {minimum}..{maximum}");
        }
        if (bytes.Length % recordSize != 0)
        {
            throw new BtfFormatException($"{what} is {bytes.Length} bytes, not a whole number of {recordSize}-byte records");
        }
        return bytes.Length / recordSize;
    }
}
