using System.Runtime.InteropServices;
using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// Every attr and info struct the runtime declares matches the running kernel's layout as its BTF
/// describes it, read with our own decoder. An attr struct mirrors one member of <c>union bpf_attr</c>
/// (the anonymous struct holding its first field, or a named one such as <c>test</c>); an info struct
/// mirrors <c>struct bpf_*_info</c>. Either way the mirror must be a prefix of the kernel's member:
/// each field at the offset and with the size of the kernel field its snake_case name names, no
/// kernel field skipped before the last one mirrored, and the size exactly the end of the last field
/// rounded up to the struct's alignment, as C would lay it out, never beyond the kernel member.
/// </summary>
public class AttrLayoutTests
{
    // Attrs that mirror a named member of union bpf_attr; every other attr mirrors the anonymous
    // member that holds its first field.
    private static readonly Dictionary<string, string> s_namedMembers = new()
    {
        ["MapBatchAttr"] = "batch",
        ["ProgTestRunAttr"] = "test",
        ["ObjInfoAttr"] = "info",
        ["LinkCreateAttr"] = "link_create",
    };

    // Mirror fields named by position rather than after one kernel field: the kernel fields each one
    // stands for (all must sit at its offset with its size), or none for padding over a hole.
    private static readonly Dictionary<string, string[]> s_positional = new()
    {
        ["BpfLinkInfo.Padding"] = [],                                          // bpf_link_info's union is 8-aligned: 12..16 is a hole
        ["BpfLinkInfo.Target0"] = ["xdp.ifindex", "sockmap.map_id", "tcx.ifindex"],
        ["BpfLinkInfo.Target1"] = ["sockmap.attach_type", "tcx.attach_type"],
        ["BpfLinkInfo.Target2"] = ["uprobe_multi.offsets", "perf_event.kprobe.func_name"],
    };

    public static TheoryData<string> Attrs => new(MirrorLayout.Structs(MirrorLayout.AttrsNamespace).Select(t => t.Name));

    public static TheoryData<string> Infos => new(MirrorLayout.Structs(MirrorLayout.InfoNamespace).Select(t => t.Name));

    [SkippableTheory]
    [MemberData(nameof(Attrs))]
    public void An_attr_is_a_prefix_of_one_member_of_union_bpf_attr(string mirror)
    {
        var type = MirrorLayout.Struct(mirror);
        var fields = MirrorLayout.Fields(type);
        var union = KernelLayout.Find("bpf_attr", BtfKind.Union);
        var named = s_namedMembers.GetValueOrDefault(mirror);

        var member = union.FindField(named is null ? fields[0].KernelName : $"{named}.{fields[0].KernelName}").Chain[0];

        member.Name.ShouldBe(named, $"{mirror} mirrors {(named is null ? "an anonymous member" : named)}");
        member.BitOffset.ShouldBe(0u, "members of a union start at 0");
        var kernel = (BtfComposite)BtfLayout.Resolve(member.Type);
        CheckPrefix(mirror, type, fields, kernel);
    }

    [SkippableTheory]
    [MemberData(nameof(Infos))]
    public void An_info_struct_is_a_prefix_of_the_kernel_struct(string mirror)
    {
        var type = MirrorLayout.Struct(mirror);
        var kernel = KernelLayout.Find(MirrorLayout.SnakeCase(mirror), BtfKind.Struct);
        CheckPrefix(mirror, type, MirrorLayout.Fields(type), kernel);
    }

    [Fact]
    public void Attrs_and_infos_are_found_by_reflection()
    {
        var attrs = MirrorLayout.Structs(MirrorLayout.AttrsNamespace).Select(t => t.Name).ToList();
        attrs.ShouldContain("ProgLoadAttr");
        attrs.ShouldNotContain("ILogAttr", "an interface, not a mirror");
        MirrorLayout.Structs(MirrorLayout.InfoNamespace).Select(t => t.Name).ShouldBe(["BpfLinkInfo", "BpfMapInfo", "BpfProgInfo"]);
        s_namedMembers.Keys.Concat(s_positional.Keys.Select(k => k.Split('.')[0]))
            .ShouldAllBe(name => MirrorLayout.Struct(name) != null);
    }

    [Theory]
    [InlineData("MapType", "map_type")]
    [InlineData("BtfVmlinuxValueTypeId", "btf_vmlinux_value_type_id")]
    [InlineData("AttachBtfObjFd", "attach_btf_obj_fd")]
    [InlineData("NrMapIds", "nr_map_ids")]
    [InlineData("Target0", "target0")]
    public void SnakeCase_maps_mirror_names_to_kernel_names(string pascal, string snake) =>
        MirrorLayout.SnakeCase(pascal).ShouldBe(snake);

    private static void CheckPrefix(string mirror, Type type, List<MirrorField> fields, BtfComposite kernel)
    {
        var kernelFields = KernelLayout.Fields(kernel);
        foreach (var field in fields)
        {
            var what = $"{mirror}.{field.Name}";
            if (!s_positional.TryGetValue(what, out var paths))
            {
                paths = [field.KernelName];
            }
            if (paths.Length == 0)
            {
                kernelFields.ShouldNotContain(k => k.Offset < field.End && field.Offset < k.End, $"{what} is padding over a hole of {kernel}");
            }
            foreach (var path in paths)
            {
                kernel.TryFindField(path, out var location).ShouldBeTrue($"{what}: {kernel} has no field {path}");
                location.BitOffset.ShouldBe(field.Offset * 8, $"{what} vs {path}");
                location.Size.ShouldBe(field.Size, $"size of {what} vs {path}");
            }
        }

        var end = fields.Max(f => f.End);
        var mirrored = fields.Select(f => f.Offset).ToHashSet();
        kernelFields.Where(k => k.Offset < end).ShouldAllBe(k => mirrored.Contains(k.Offset), $"{mirror} skips a field of {kernel} before its last one");

        var alignment = fields.Max(f => f.Alignment);
        var size = (ulong)Marshal.SizeOf(type);
        size.ShouldBe((end + alignment - 1) / alignment * alignment, $"{mirror} ends at its last field, rounded to its {alignment}-byte alignment");
        size.ShouldBeLessThanOrEqualTo(BtfLayout.SizeOf(kernel), $"{mirror} must not reach past {kernel}");
    }
}
