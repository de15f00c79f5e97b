using System.Buffers.Binary;
using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>Malformed BTF, one defect at a time, each rejected with a message that says what is wrong.</summary>
public sealed class BtfDecoderValidationTests
{
    // Strings: "\0int\0p\0" -> "int" at 1, "p" at 5.
    private static readonly byte[] s_strings = "\0int\0p\0"u8.ToArray();

    // [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
    private static readonly uint[] s_int = [1, 1u << 24, 4, 0x01000020];

    public static readonly IReadOnlyDictionary<string, (Func<byte[]> Bytes, string Message)> Cases =
        new Dictionary<string, (Func<byte[]>, string)>
        {
            ["empty"] = (() => [], "shorter than the 24-byte btf_header"),
            ["truncated header"] = (() => Blob(s_int)[..20], "shorter than the 24-byte btf_header"),
            ["bad magic"] = (() => Patch(Blob(s_int), 0, 0x1234, 2), "bad BTF magic 0x1234"),
            ["big-endian magic"] = (() => Patch(Blob(s_int), 0, 0x9feb, 2), "big-endian"),
            ["version 2"] = (() => Patch(Blob(s_int), 2, 2, 1), "unsupported BTF version 2"),
            ["header flags"] = (() => Patch(Blob(s_int), 3, 1, 1), "header flags 0x01"),
            ["header length below 24"] = (() => Patch(Blob(s_int), 4, 20), "header length 20"),
            ["header length beyond data"] = (() => Patch(Blob(s_int), 4, 4096), "header length 4096"),
            ["longer header with non-zero tail"] = (() => LongHeader(0xff), "are not zero"),
            ["type section beyond data"] = (() => Patch(Blob(s_int), 12, 1000), "type section"),
            ["string section beyond data"] = (() => Patch(Blob(s_int), 20, 1000), "string section"),
            ["unaligned type section"] = (() => Patch(Patch(Blob(s_int), 8, 2), 16, 0), "not 4-byte aligned"),
            ["overlapping sections"] = (() => Patch(Blob(s_int), 16, 8), "overlap"),
            ["strings without leading NUL"] = (() => Blob(s_int, "xint\0p\0"u8.ToArray()), "must start with the empty string"),
            ["strings without final NUL"] = (() => Blob(s_int, "\0int\0p"u8.ToArray()), "does not end with a NUL"),
            ["truncated record"] = (() => Blob([.. s_int, 0, 2u << 24]), "record is truncated"),
            ["truncated tail"] = (() => Blob([.. s_int, 0, (4u << 24) | 2, 8, 0, 1, 0]), "needs 24 bytes after its header"),
            ["kind 0"] = (() => Blob([0, 0, 0]), "unknown kind 0"),
            ["kind 20"] = (() => Blob([0, 20u << 24, 0]), "unknown kind 20"),
            ["reserved info bits"] = (() => Blob([0, (2u << 24) | (1u << 20), 0]), "reserved bits"),
            ["name offset beyond strings"] = (() => Blob([99, 1u << 24, 4, 0x01000020]), "string offset 99"),
            ["reference beyond last type"] = (() => Blob([.. s_int, 0, 2u << 24, 7]), "refers to type [7], but the last type is [2]"),
            ["func without proto"] = (() => Blob([.. s_int, 5, 12u << 24, 1]), "not a FUNC_PROTO"),
            ["named pointer"] = (() => Blob([.. s_int, 5, 2u << 24, 1]), "PTR must be anonymous"),
            ["anonymous typedef"] = (() => Blob([.. s_int, 0, 8u << 24, 1]), "TYPEDEF must have a name"),
            ["name pointing at an empty string"] = (() => Blob([4, 1u << 24, 4, 0x01000020]), "INT must have a name"),
            ["kind_flag on INT"] = (() => Blob([1, (1u << 24) | (1u << 31), 4, 0x01000020]), "kind_flag is set, but INT has none"),
            ["vlen on PTR"] = (() => Blob([.. s_int, 0, (2u << 24) | 1, 1]), "vlen is 1, but PTR has none"),
            ["INT encoding 3"] = (() => Blob([1, 1u << 24, 4, 0x03000020]), "INT encoding 3"),
            ["INT reserved bits"] = (() => Blob([1, 1u << 24, 4, 0x01000120]), "INT data 0x01000120"),
            ["ARRAY with a size"] = (() => Blob([.. s_int, 0, 3u << 24, 4, 1, 1, 2]), "size/type field of ARRAY must be 0, is 4"),
            ["FUNC linkage 3"] = (() => Blob([.. s_int, 0, 13u << 24, 1, 5, (12u << 24) | 3, 2]), "FUNC linkage 3"),
            ["VAR linkage 3"] = (() => Blob([.. s_int, 5, 14u << 24, 1, 3]), "VAR linkage 3"),
            ["DECL_TAG component below -1"] = (() => Blob([.. s_int, 5, 17u << 24, 1, unchecked((uint)-2)]), "component_idx -2"),
            ["void parameter before the last"] = (() => Blob([.. s_int, 0, (13u << 24) | 2, 1, 5, 0, 5, 1]), "parameter 0 is void"),
        };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Malformed_btf_is_rejected_with_a_clear_message(string caseName)
    {
        var (bytes, message) = Cases[caseName];

        Should.Throw<BtfFormatException>(() => BtfDecoder.Decode(bytes())).Message.ShouldContain(message);
    }

    [Fact]
    public void The_well_formed_base_of_those_cases_decodes()
    {
        var spec = BtfDecoder.Decode(Blob(s_int));

        BtfRawDump.Format(spec).ShouldBe("[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n");
        BtfDecoder.Decode(LongHeader(0)).TypeCount.ShouldBe(2);
        BtfDecoder.Decode(Blob([.. s_int, 0, (13u << 24) | 2, 1, 5, 1, 0, 0])).GetType(2)
            .ShouldBeOfType<BtfFuncProto>().IsVariadic.ShouldBeTrue();
    }

    [Fact]
    public void Lookups_outside_the_spec_are_argument_errors()
    {
        var spec = BtfDecoder.Decode(Blob(s_int));

        Should.Throw<ArgumentOutOfRangeException>(() => spec.GetType(2));
        Should.Throw<ArgumentOutOfRangeException>(() => spec.GetKind(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => spec.GetString(7));
        spec.TryFind("int", BtfKind.Struct, out _).ShouldBeFalse();
        spec.TryFind("int", (BtfKind)99, out _).ShouldBeFalse();
        spec.TryGetId(new BtfInt("int", 4, BtfIntEncoding.Signed), out _).ShouldBeFalse();
    }

    private static byte[] Blob(uint[] types, byte[]? strings = null)
    {
        strings ??= s_strings;
        var bytes = new byte[24 + (types.Length * 4) + strings.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0xeB9F);
        bytes[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 24);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)types.Length * 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)types.Length * 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), (uint)strings.Length);
        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + (4 * i)), types[i]);
        }
        strings.CopyTo(bytes, 24 + (types.Length * 4));
        return bytes;
    }

    /// <summary>A 32-byte header (as a newer format might have) whose extra 8 bytes are <paramref name="fill"/>.</summary>
    private static byte[] LongHeader(byte fill)
    {
        var blob = Blob(s_int);
        var bytes = new byte[blob.Length + 8];
        blob.AsSpan(0, 24).CopyTo(bytes);
        bytes.AsSpan(24, 8).Fill(fill);
        blob.AsSpan(24).CopyTo(bytes.AsSpan(32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 32);
        return bytes;
    }

    private static byte[] Patch(byte[] bytes, int offset, uint value, int width = 4)
    {
        for (var i = 0; i < width; i++)
        {
            bytes[offset + i] = (byte)(value >> (8 * i));
        }
        return bytes;
    }
}
