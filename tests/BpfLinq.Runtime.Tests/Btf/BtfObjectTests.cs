using System.Buffers.Binary;
using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// <c>BPF_BTF_LOAD</c> of what the encoder writes, and of encoder output broken on purpose: the
/// kernel's BTF checker rejects it and the exception carries the checker's line.
/// </summary>
public class BtfObjectTests
{
    private const int Header = 24;
    private const int RecordSize = 12;

    // [1] FUNC main -> [2] FUNC_PROTO int (int x) -> [3] INT int, and [4] STRUCT pair { int a; int b; }.
    private static byte[] ValidBlob()
    {
        var builder = new BtfBuilder();
        var intType = new BtfInt("int", 4, BtfIntEncoding.Signed);
        var proto = new BtfFuncProto(intType, [new("x", intType)]);
        builder.Add(new BtfFunc("main", proto));
        builder.Add(proto);
        builder.Add(intType);
        builder.Add(new BtfStruct("pair", 8, [new("a", intType, 0), new("b", intType, 32)]));
        return builder.Marshal();
    }

    // (corruption, the checker's line, whether our decoder refuses it too). The decoder checks structure (bounds, kinds, ids), not
    // layout (members inside their struct), so it refuses the first four and decodes the last two.
    public static TheoryData<string, string, bool> Corruptions => new()
    {
        { "func type", "[1] FUNC main type_id=99 Invalid type_id", true },
        { "func name", "[1] Invalid name_offset:32767", true },
        { "kind", "[3] Invalid kind:31", true },
        { "string section end", "Invalid string section", true },
        { "member offset", "[4] STRUCT pair size=8 vlen=2: b type_id=3 bits_offset=64 Member exceeds struct_size", false },
        { "struct size", "[4] STRUCT pair size=4 vlen=2: b type_id=3 bits_offset=32 Member exceeds struct_size", false },
    };

    [KernelFact]
    public void The_encoders_output_loads()
    {
        using var btf = BtfObject.Load(ValidBlob());

        btf.Fd.ShouldBeGreaterThan(0);
    }

    [KernelTheory]
    [MemberData(nameof(Corruptions))]
    public void Broken_BTF_is_rejected_with_the_checkers_line(string corruption, string summary, bool decoderRejects)
    {
        var blob = ValidBlob();
        Corrupt(blob, corruption);

        var error = Should.Throw<BpfVerifierException>(() => BtfObject.Load(blob));

        error.Command.ShouldBe(BpfCommand.BtfLoad);
        error.Summary.ShouldBe(summary);
        error.Message.ShouldBe($"load BTF: the BTF checker rejected it: {summary}");
        error.Log.ShouldStartWith("magic: 0xeb9f");
        if (decoderRejects)
        {
            Should.Throw<BtfFormatException>(() => BtfDecoder.Decode(blob));
        }
        else
        {
            BtfDecoder.Decode(blob).GetName(4).ShouldBe("pair");
        }
    }

    [Fact]
    public void An_empty_BTF_blob_is_refused_before_the_kernel() =>
        Should.Throw<ArgumentException>(() => BtfObject.Load([]));

    private static void Corrupt(byte[] blob, string corruption)
    {
        var types = blob.AsSpan(Header);
        switch (corruption)
        {
            case "func type":
                BinaryPrimitives.WriteUInt32LittleEndian(types[8..], 99);
                break;
            case "func name":
                BinaryPrimitives.WriteUInt32LittleEndian(types, 0x7fff);
                break;
            case "member offset":
                // [4] STRUCT pair: after [1] FUNC (12), [2] FUNC_PROTO (12 + 8), [3] INT (12 + 4); member b's offset word.
                BinaryPrimitives.WriteUInt32LittleEndian(types[(RecordSize + RecordSize + 8 + RecordSize + 4 + RecordSize + 12 + 8)..], 64);
                break;
            case "struct size":
                BinaryPrimitives.WriteUInt32LittleEndian(types[(RecordSize + RecordSize + 8 + RecordSize + 4 + 8)..], 4);
                break;
            case "kind":
                types[RecordSize + RecordSize + 8 + 7] = 31;
                break;
            case "string section end":
                blob[^1] = (byte)'x';
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
    }
}
