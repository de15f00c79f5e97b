using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using BpfLinq.Compiler.Btf;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Btf;

public sealed class BtfLayoutTests
{
    private const string VmlinuxPath = "/sys/kernel/btf/vmlinux";

    // Fields the runtime's attr structs depend on, across the anonymous structs of union bpf_attr
    // and its named ones (link_create, test, info...).
    private static readonly string[] s_bpfAttrFields =
    [
        "map_type", "key_size", "max_entries", "map_name", "btf_value_type_id", "map_extra", "value_type_btf_obj_fd",
        "map_fd", "key", "value", "next_key", "flags",
        "prog_type", "insn_cnt", "insns", "license", "log_level", "log_size", "log_buf", "kern_version",
        "prog_flags", "prog_name", "expected_attach_type", "prog_btf_fd", "func_info_rec_size", "func_info",
        "func_info_cnt", "line_info_rec_size", "line_info", "line_info_cnt", "attach_btf_id", "fd_array",
        "log_true_size", "prog_token_fd",
        "btf", "btf_log_buf", "btf_size", "btf_log_size", "btf_log_level", "btf_log_true_size", "btf_flags",
        "test.prog_fd", "test.retval", "test.data_size_in", "test.data_in", "test.repeat", "test.duration",
        "test.ctx_size_in", "test.ctx_in",
        "link_create.prog_fd", "link_create.target_fd", "link_create.target_ifindex", "link_create.attach_type",
        "link_create.flags", "info.bpf_fd", "info.info_len", "info.info", "pathname", "bpf_fd", "file_flags",
    ];

    private static readonly Lazy<BtfSpec> s_vmlinux = new(() => BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath)));

    [Fact]
    public void Sizes_follow_typedefs_qualifiers_and_arrays()
    {
        var u16 = new BtfInt("short unsigned int", 2, BtfIntEncoding.None);
        var matrix = new BtfArray(new BtfArray(new BtfTypedef("u16", new BtfConst(u16)), u16, 3), u16, 5);

        BtfLayout.SizeOf(matrix).ShouldBe(30UL);
        BtfLayout.SizeOf(new BtfPointer(BtfVoid.Instance)).ShouldBe(8UL);
        BtfLayout.SizeOf(new BtfVar("v", new BtfTypeTag("t", u16))).ShouldBe(2UL);
        BtfLayout.Resolve(new BtfVolatile(new BtfTypedef("u16", u16))).ShouldBeSameAs(u16);
        BtfLayout.TryGetSize(new BtfFwd("later", BtfFwdKind.Struct), out _).ShouldBeFalse();
        BtfLayout.TryGetSize(BtfVoid.Instance, out _).ShouldBeFalse();
        BtfLayout.TryGetSize(new BtfArray(new BtfArray(u16, u16, uint.MaxValue), u16, uint.MaxValue), out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => BtfLayout.SizeOf(new BtfFuncProto(u16))).Message.ShouldContain("FUNC_PROTO");
    }

    [Fact]
    public void Cycles_without_a_pointer_are_reported_not_followed()
    {
        var typedef = new BtfTypedef("loop", BtfVoid.Instance);
        typedef.Target = new BtfConst(typedef);
        var array = new BtfArray(BtfVoid.Instance, BtfVoid.Instance, 2);
        array.Element = array;

        var holder = new BtfStruct("holder", 4, [new(null, typedef, 0), new("loop", typedef, 0)]);

        Should.Throw<InvalidOperationException>(() => BtfLayout.Resolve(typedef)).Message.ShouldContain("cyclic");
        BtfLayout.TryGetSize(typedef, out _).ShouldBeFalse();
        BtfLayout.TryGetSize(array, out _).ShouldBeFalse();
        holder.TryFindField("x", out _).ShouldBeFalse();
        holder.TryFindField("loop.x", out _).ShouldBeFalse();
    }

    [Fact]
    public void Fields_are_found_through_anonymous_members_and_dotted_paths()
    {
        var u32 = new BtfInt("unsigned int", 4, BtfIntEncoding.None);
        var inner = new BtfStruct(null, 8, [new("fd", u32, 0), new("mode", u32, 32, 3)]);
        var named = new BtfStruct(null, 8, [new("target", u32, 32)]);
        var attr = new BtfUnion("attr", 16,
        [
            new(null, new BtfStruct(null, 16, [new("head", u32, 0), new(null, inner, 64)]), 0),
            new("link", new BtfTypedef("link_t", new BtfConst(named)), 0),
        ]);

        var fd = attr.FindField("fd");
        fd.ByteOffset.ShouldBe(8UL);
        fd.Size.ShouldBe(4UL);
        fd.Chain.Count.ShouldBe(3);
        fd.Chain[0].Type.ShouldBeOfType<BtfStruct>().Size.ShouldBe(16U);
        var mode = attr.FindField("mode");
        mode.IsBitfield.ShouldBeTrue();
        mode.BitOffset.ShouldBe(96UL);
        mode.ToString().ShouldBe("mode @ bit 96:3");
        attr.FindField("link.target").ByteOffset.ShouldBe(4UL);
        attr.TryFindField("target", out _).ShouldBeFalse();
        attr.TryFindField("link.nothing", out _).ShouldBeFalse();
        attr.TryFindField("fd.deeper", out _).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => attr.FindField("missing")).Message.ShouldContain("UNION 'attr'");
    }

    [Fact]
    public void A_self_containing_anonymous_member_does_not_loop()
    {
        var u32 = new BtfInt("unsigned int", 4, BtfIntEncoding.None);
        var weird = new BtfStruct(null, 4, [new("x", u32, 0)]);
        weird.Members.Insert(0, new BtfMember(null, weird, 0));

        weird.FindField("x").ByteOffset.ShouldBe(0UL);
        weird.TryFindField("y", out _).ShouldBeFalse();
    }

    [SkippableFact]
    public void Field_offsets_from_vmlinux_agree_with_clang_on_bpftools_vmlinux_h()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent");
        var clang = TestEnvironment.RequireTool("clang-19");
        var spec = s_vmlinux.Value;
        spec.TryFindType<BtfUnion>("bpf_attr", BtfKind.Union, out var attr).ShouldBeTrue();
        spec.TryFindType<BtfStruct>("sk_buff", BtfKind.Struct, out var skb).ShouldBeTrue();

        var asserts = new StringBuilder("#include \"vmlinux.h\"\n");
        AppendAsserts(asserts, "union bpf_attr", attr, s_bpfAttrFields);
        AppendAsserts(asserts, "struct sk_buff", skb, s_skBuffFields);
        // The anonymous struct holding prog_type is BPF_PROG_LOAD's attribute block; it ends after prog_token_fd.
        var load = (BtfComposite)BtfLayout.Resolve(attr.FindField("prog_type").Chain[0].Type);
        load.FindField("prog_token_fd").ByteOffset.ShouldBe(attr.FindField("prog_token_fd").ByteOffset);

        var directory = Directory.CreateTempSubdirectory("bpflinq-layout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "vmlinux.h"), Bpftool.Run($"btf dump file {VmlinuxPath} format c"));
            File.WriteAllText(Path.Combine(directory, "layout.c"), asserts.ToString());
            var (exit, errors) = Run(clang, $"-fsyntax-only {Path.Combine(directory, "layout.c")}");
            exit.ShouldBe(0, errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public void Nested_bitfields_of_sk_buff_sit_where_bpftools_dump_puts_them()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent");
        var spec = s_vmlinux.Value;
        spec.TryFind("sk_buff", BtfKind.Struct, out var id).ShouldBeTrue();
        var skb = (BtfStruct)spec.GetType(id);
        var dump = Bpftool.DumpRaw(VmlinuxPath);
        skb.FindField("pkt_type").Chain.Count.ShouldBeGreaterThan(1, "pkt_type should be inside an anonymous member");

        // Bitfields directly in sk_buff, and ones inside its anonymous struct_group unions.
        foreach (var name in new[] { "cloned", "pfmemalloc", "pkt_type", "ignore_df", "ip_summed", "ooo_okay", "l4_hash", "vlan_all" })
        {
            var field = skb.FindField(name);
            var (bitOffset, bitfieldSize) = BitOffsetInDump(dump, id, name) ?? throw new ShouldAssertException($"bpftool's dump has no {name}");
            field.BitOffset.ShouldBe(bitOffset, name);
            field.Member.BitfieldSize.ShouldBe(bitfieldSize, name);
        }
    }

    private static readonly string[] s_skBuffFields =
    [
        "next", "prev", "dev", "sk", "tstamp", "cb", "len", "data_len", "mac_len", "hdr_len", "queue_mapping",
        "mark", "protocol", "transport_header", "network_header", "mac_header", "tail", "end", "head", "data",
        "truesize", "users", "hash", "vlan_tci", "priority", "skb_iif",
    ];

    private static void AppendAsserts(StringBuilder asserts, string cType, BtfComposite type, string[] paths)
    {
        foreach (var path in paths)
        {
            var field = type.FindField(path);
            asserts.Append($"_Static_assert(__builtin_offsetof({cType}, {path}) == {field.ByteOffset}, \"{cType}.{path} offset\");\n");
            asserts.Append($"_Static_assert(sizeof((({cType} *)0)->{path}) == {field.Size}, \"{cType}.{path} size\");\n");
        }
        asserts.Append($"_Static_assert(sizeof({cType}) == {type.Size}, \"{cType} size\");\n");
    }

    /// <summary>
    /// An independent oracle over bpftool's text: look for the member in type <paramref name="id"/>'s
    /// block, else descend into its '(anon)' members, adding their bit offsets.
    /// </summary>
    private static (ulong BitOffset, int BitfieldSize)? BitOffsetInDump(string dump, int id, string name)
    {
        var block = Regex.Match(dump, $@"^\[{id}\] [^\n]*\n((?:\t[^\n]*\n)*)", RegexOptions.Multiline).Groups[1].Value;
        var direct = Regex.Match(block, $@"^\t'{name}' type_id=\d+ bits_offset=(\d+)(?: bitfield_size=(\d+))?$", RegexOptions.Multiline);
        if (direct.Success)
        {
            return (ulong.Parse(direct.Groups[1].Value), direct.Groups[2].Success ? int.Parse(direct.Groups[2].Value) : 0);
        }
        foreach (Match anonymous in Regex.Matches(block, @"^\t'\(anon\)' type_id=(\d+) bits_offset=(\d+)$", RegexOptions.Multiline))
        {
            if (BitOffsetInDump(dump, int.Parse(anonymous.Groups[1].Value), name) is { } inner)
            {
                return (inner.BitOffset + ulong.Parse(anonymous.Groups[2].Value), inner.BitfieldSize);
            }
        }
        return null;
    }

    private static (int Exit, string Errors) Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }
}
