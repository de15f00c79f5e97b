using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>bpftool (libbpf's parser) reads what the encoder writes, and prints what our dump prints.</summary>
public sealed class BpftoolAgreementTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bpflinq-btf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void Bpftool_parses_the_rich_graph_and_dumps_what_we_dump()
    {
        var builder = new BtfBuilder();
        foreach (var type in BtfSamples.RichGraph())
        {
            builder.Add(type);
        }
        var bytes = builder.Marshal();

        var theirs = Bpftool.DumpRaw(Write("rich.btf", bytes));

        theirs.ShouldBe(BtfRawDump.Format(BtfDecoder.Decode(bytes)));
        foreach (var kind in Enum.GetValues<BtfKind>().Where(k => k != BtfKind.Void))
        {
            theirs.ShouldContain($"] {KindName(kind)} '");
        }
    }

    [SkippableFact]
    public void Bpftool_dumps_the_rich_graph_as_c()
    {
        var builder = new BtfBuilder();
        foreach (var type in BtfSamples.RichGraph())
        {
            builder.Add(type);
        }

        var header = Bpftool.Run($"btf dump file {Write("c.btf", builder.Marshal())} format c");

        header.ShouldContain("struct list_node {");
        header.ShouldContain("struct list_node *next;");
        header.ShouldContain("typedef unsigned int u32;");
        header.ShouldContain("HUGE = 18446744073709551615ULL");
    }

    [SkippableFact]
    public void Bpftool_reads_vmlinux_re_encoded_by_us_as_the_kernels_own()
    {
        const string Vmlinux = "/sys/kernel/btf/vmlinux";
        Skip.IfNot(File.Exists(Vmlinux), $"{Vmlinux} is absent");
        var original = BtfDecoder.Decode(File.ReadAllBytes(Vmlinux));

        var reencoded = BtfReencoding.Of(original);

        Bpftool.DumpRaw(Write("vmlinux.btf", reencoded)).ShouldBe(BtfRawDump.Format(original));
    }

    [SkippableFact]
    public void Split_btf_decodes_on_top_of_its_base_as_bpftool_reads_it()
    {
        var s32 = new BtfInt("int", 4, BtfIntEncoding.Signed);
        var baseBuilder = new BtfBuilder();
        baseBuilder.Add(s32);
        baseBuilder.Add(new BtfStruct("task", 8, [new("pid", s32, 0), new("tgid", s32, 32)]));
        var baseBytes = baseBuilder.Marshal();
        var baseSpec = BtfDecoder.Decode(baseBytes);
        var split = HandEncodedSplitBtf((uint)baseSpec.StringsLength);

        var spec = BtfDecoder.Decode(split, baseSpec);
        var theirs = Bpftool.DumpRaw(Write("split.btf", split), Write("base.btf", baseBytes));

        theirs.ShouldBe(BtfRawDump.Format(spec));
        spec.FirstTypeId.ShouldBe(3);
        spec.TypeCount.ShouldBe(6);
        spec.TryFindFunc("mod_probe", out var id).ShouldBeTrue();
        id.ShouldBe(5);
        var func = spec.GetType(id).ShouldBeOfType<BtfFunc>();
        func.Proto.ReturnType.ShouldBeSameAs(baseSpec.GetType(1));
        func.Proto.Parameters.ShouldHaveSingleItem().Name.ShouldBe("t");
        func.Proto.Parameters[0].Type.ShouldBeOfType<BtfPointer>().Target.ShouldBeSameAs(baseSpec.GetType(2));
        spec.TryFind("task", BtfKind.Struct, out var taskId).ShouldBeTrue();
        taskId.ShouldBe(2);
        spec.GetString((uint)baseSpec.StringsLength + 12).ShouldBe("module_only");
        Should.Throw<BtfFormatException>(() => BtfDecoder.Decode(split)).Message.ShouldContain("string section must start");
    }

    /// <summary>
    /// Module-style split BTF written by hand, independently of BtfBuilder: ids continue at 3, string
    /// offsets continue after the base's strings, and the string section has no leading NUL.
    /// [3] PTR -> [2]; [4] FUNC_PROTO int (struct task *t); [5] FUNC 'mod_probe' global.
    /// </summary>
    private static byte[] HandEncodedSplitBtf(uint baseStrings)
    {
        var strings = "t\0mod_probe\0module_only\0"u8.ToArray();
        uint[] types =
        [
            0, 2u << 24, 2,
            0, (13u << 24) | 1, 1, baseStrings + 0, 3,
            baseStrings + 2, (12u << 24) | 1, 4,
        ];
        var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((ushort)0xeB9F);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write(24u);
        writer.Write(0u);
        writer.Write((uint)types.Length * 4);
        writer.Write((uint)types.Length * 4);
        writer.Write((uint)strings.Length);
        foreach (var word in types)
        {
            writer.Write(word);
        }
        writer.Write(strings);
        return stream.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string KindName(BtfKind kind) => kind switch
    {
        BtfKind.Pointer => "PTR",
        BtfKind.FuncProto => "FUNC_PROTO",
        BtfKind.DataSec => "DATASEC",
        BtfKind.DeclTag => "DECL_TAG",
        BtfKind.TypeTag => "TYPE_TAG",
        _ => kind.ToString().ToUpperInvariant(),
    };
}
