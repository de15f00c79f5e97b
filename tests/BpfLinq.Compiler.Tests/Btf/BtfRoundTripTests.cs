using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

public sealed class BtfRoundTripTests
{
    [Theory]
    [MemberData(nameof(BtfSamples.CaseNames), MemberType = typeof(BtfSamples))]
    public void Every_kind_survives_encode_then_decode(string caseName)
    {
        var original = BtfSamples.Cases[caseName]();
        var builder = new BtfBuilder();
        var id = builder.Add(original);
        var bytes = builder.Marshal();

        var spec = BtfDecoder.Decode(bytes);

        id.ShouldBe(1);
        spec.TypeCount.ShouldBe(builder.Count + 1);
        BtfGraphComparer.Difference(original, spec.GetType(id)).ShouldBeNull();
        spec.GetKind(id).ShouldBe(original.Kind);
        spec.GetName(id).ShouldBe(original.Name);
    }

    [Theory]
    [MemberData(nameof(BtfSamples.CaseNames), MemberType = typeof(BtfSamples))]
    public void Re_encoding_a_decoded_graph_reproduces_the_bytes(string caseName)
    {
        var builder = new BtfBuilder();
        builder.Add(BtfSamples.Cases[caseName]());
        var bytes = builder.Marshal();

        BtfReencoding.Of(BtfDecoder.Decode(bytes)).ShouldBe(bytes);
    }

    [Fact]
    public void Ids_follow_add_order_then_discovery_order()
    {
        var u32 = new BtfInt("unsigned int", 4, BtfIntEncoding.None);
        var pointer = new BtfPointer(u32);
        var proto = new BtfFuncProto(u32, [new("p", pointer)]);
        var func = new BtfFunc("f", proto, BtfLinkage.Global);
        var builder = new BtfBuilder();

        builder.Add(func).ShouldBe(1);
        builder.Add(u32).ShouldBe(2);
        builder.Add(func).ShouldBe(1);
        builder.Add(BtfVoid.Instance).ShouldBe(0);
        builder.TryGetId(proto, out _).ShouldBeFalse();
        builder.Marshal();

        builder.GetId(proto).ShouldBe(3);
        builder.GetId(pointer).ShouldBe(4);
        builder.GetType(4).ShouldBeSameAs(pointer);
        builder.Count.ShouldBe(4);
    }

    [Fact]
    public void Marshalling_the_same_graph_twice_gives_the_same_bytes()
    {
        var first = new BtfBuilder();
        var second = new BtfBuilder();
        foreach (var type in BtfSamples.RichGraph())
        {
            first.Add(type);
        }
        foreach (var type in BtfSamples.RichGraph())
        {
            second.Add(type);
        }

        var bytes = first.Marshal();

        second.Marshal().ShouldBe(bytes);
        first.Marshal().ShouldBe(bytes);
    }

    [Fact]
    public void The_header_is_a_btf_header_with_sections_after_it()
    {
        var builder = new BtfBuilder();
        builder.Add(new BtfInt("int", 4, BtfIntEncoding.Signed));
        var bytes = builder.Marshal();

        // magic 0xeB9F, version 1, flags 0, hdr_len 24, type_off 0, type_len 16, str_off 16, str_len 5 ("\0int\0")
        bytes.Take(24).ShouldBe(new byte[]
        {
            0x9f, 0xeb, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 16, 0, 0, 0, 5, 0, 0, 0,
        });
        bytes.Skip(24).Take(16).ShouldBe(new byte[] { 1, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 32, 0, 0, 1 });
        bytes.Skip(40).ShouldBe("\0int\0"u8.ToArray());
    }

    [Fact]
    public void Strings_added_for_line_info_keep_their_offsets_in_the_marshalled_table()
    {
        var builder = new BtfBuilder();
        var file = builder.Strings.Add("Program.cs");
        var line = builder.Strings.Add("skb => skb.Len > 10");
        builder.Add(new BtfStruct("Program.cs", 0));
        var spec = BtfDecoder.Decode(builder.Marshal());

        spec.GetString(file).ShouldBe("Program.cs");
        spec.GetString(line).ShouldBe("skb => skb.Len > 10");
        spec.StringsLength.ShouldBe(builder.Strings.Length);
    }

    [Theory]
    [InlineData(true, 5_000_000_000L)]
    [InlineData(true, -3_000_000_000L)]
    [InlineData(false, -1L)]
    [InlineData(false, 4_294_967_296L)]
    public void An_enum_value_that_does_not_fit_32_bits_is_refused(bool isSigned, long value)
    {
        var builder = new BtfBuilder();
        builder.Add(new BtfEnum("e", 4, isSigned, [new("V", value)]));

        Should.Throw<InvalidOperationException>(builder.Marshal).Message.ShouldContain("use BtfEnum64");
    }

    [Fact]
    public void Unencodable_graphs_are_refused_with_the_type_named()
    {
        var s32 = new BtfInt("int", 4, BtfIntEncoding.Signed);
        var farBitfield = new BtfStruct("far", 1 << 22, [new("x", s32, 1u << 24, 1)]);
        var voidParameter = new BtfFuncProto(s32, [new("v", BtfVoid.Instance)]);
        var tooMany = new BtfEnum("many", 4, false, Enumerable.Range(0, 65536).Select(i => new BtfEnumValue("V", i)));

        Refusal(farBitfield).ShouldContain("STRUCT 'far'");
        Refusal(voidParameter).ShouldContain("IsVariadic");
        Refusal(tooMany).ShouldContain("65536 entries");
    }

    [Fact]
    public void Constructors_refuse_what_the_encoding_cannot_hold()
    {
        var s32 = new BtfInt("int", 4, BtfIntEncoding.Signed);
        Should.Throw<ArgumentException>(() => new BtfTypedef("", s32));
        Should.Throw<ArgumentException>(() => new BtfStruct("a\0b", 4));
        Should.Throw<ArgumentOutOfRangeException>(() => new BtfInt("wide", 64, BtfIntEncoding.None, 256, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new BtfInt("odd", 4, BtfIntEncoding.Signed | BtfIntEncoding.Char));
        Should.Throw<ArgumentOutOfRangeException>(() => new BtfMember("m", s32, 0, 256));
        Should.Throw<ArgumentOutOfRangeException>(() => new BtfDeclTag("t", s32, -2));
        Should.Throw<ArgumentNullException>(() => new BtfPointer(null!));
        Should.Throw<ArgumentNullException>(() => new BtfStruct("s", 4).Members.Add(null!));
    }

    private static string Refusal(BtfType type)
    {
        var builder = new BtfBuilder();
        builder.Add(type);
        return Should.Throw<InvalidOperationException>(builder.Marshal).Message;
    }
}
