namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// The kernel's layout of the <c>union bpf_attr</c> members and info structs the runtime mirrors:
/// byte offsets of each field by its kernel name, and the size the mirror must have. Derived from
/// Linux 6.18's BTF (<c>bpftool btf dump file /sys/kernel/btf/vmlinux format c</c> compiled with
/// <c>offsetof</c>). When the BTF decoder lands, this table is the one thing to replace with a
/// lookup of the same names in /sys/kernel/btf/vmlinux; the test over it stays as it is.
/// </summary>
internal static class KernelLayout
{
    /// <summary>(mirror type name, expected size, kernel member prefix, fields by kernel name).</summary>
    public static readonly (string Mirror, int Size, string Prefix, (string Field, int Offset)[] Fields)[] Structs =
    [
        ("MapCreateAttr", 72, "", [
            ("map_type", 0), ("key_size", 4), ("value_size", 8), ("max_entries", 12), ("map_flags", 16), ("inner_map_fd", 20),
            ("numa_node", 24), ("map_name", 28), ("map_ifindex", 44), ("btf_fd", 48), ("btf_key_type_id", 52),
            ("btf_value_type_id", 56), ("btf_vmlinux_value_type_id", 60), ("map_extra", 64)]),
        ("MapElemAttr", 32, "", [("map_fd", 0), ("key", 8), ("value", 16), ("flags", 24)]),
        ("MapBatchAttr", 56, "batch.", [
            ("in_batch", 0), ("out_batch", 8), ("keys", 16), ("values", 24), ("count", 32), ("map_fd", 36), ("elem_flags", 40), ("flags", 48)]),
        ("MapFreezeAttr", 4, "", [("map_fd", 0)]),
        ("ProgLoadAttr", 144, "", [
            ("prog_type", 0), ("insn_cnt", 4), ("insns", 8), ("license", 16), ("log_level", 24), ("log_size", 28), ("log_buf", 32),
            ("kern_version", 40), ("prog_flags", 44), ("prog_name", 48), ("prog_ifindex", 64), ("expected_attach_type", 68),
            ("prog_btf_fd", 72), ("func_info_rec_size", 76), ("func_info", 80), ("func_info_cnt", 88), ("line_info_rec_size", 92),
            ("line_info", 96), ("line_info_cnt", 104), ("attach_btf_id", 108), ("attach_btf_obj_fd", 112), ("core_relo_cnt", 116),
            ("fd_array", 120), ("core_relos", 128), ("core_relo_rec_size", 136), ("log_true_size", 140)]),
        ("ObjPinAttr", 24, "", [("pathname", 0), ("bpf_fd", 8), ("file_flags", 12), ("path_fd", 16)]),
        ("ProgAttachAttr", 20, "", [("target_fd", 0), ("attach_bpf_fd", 4), ("attach_type", 8), ("attach_flags", 12), ("replace_bpf_fd", 16)]),
        ("ProgTestRunAttr", 80, "test.", [
            ("prog_fd", 0), ("retval", 4), ("data_size_in", 8), ("data_size_out", 12), ("data_in", 16), ("data_out", 24), ("repeat", 32),
            ("duration", 36), ("ctx_size_in", 40), ("ctx_size_out", 44), ("ctx_in", 48), ("ctx_out", 56), ("flags", 64), ("cpu", 68),
            ("batch_size", 72)]),
        ("ObjInfoAttr", 16, "info.", [("bpf_fd", 0), ("info_len", 4), ("info", 8)]),
        ("BtfLoadAttr", 32, "", [
            ("btf", 0), ("btf_log_buf", 8), ("btf_size", 16), ("btf_log_size", 20), ("btf_log_level", 24), ("btf_log_true_size", 28)]),
        ("LinkCreateAttr", 16, "link_create.", [("prog_fd", 0), ("target_fd", 4), ("attach_type", 8), ("flags", 12)]),
        ("BpfProgInfo", 232, "struct bpf_prog_info.", [
            ("type", 0), ("id", 4), ("tag", 8), ("jited_prog_len", 16), ("xlated_prog_len", 20), ("jited_prog_insns", 24),
            ("xlated_prog_insns", 32), ("load_time", 40), ("created_by_uid", 48), ("nr_map_ids", 52), ("map_ids", 56), ("name", 64),
            ("ifindex", 80), ("gpl_compatible", 84), ("netns_dev", 88), ("netns_ino", 96), ("nr_jited_ksyms", 104),
            ("nr_jited_func_lens", 108), ("jited_ksyms", 112), ("jited_func_lens", 120), ("btf_id", 128), ("func_info_rec_size", 132),
            ("func_info", 136), ("nr_func_info", 144), ("nr_line_info", 148), ("line_info", 152), ("jited_line_info", 160),
            ("nr_jited_line_info", 168), ("line_info_rec_size", 172), ("jited_line_info_rec_size", 176), ("nr_prog_tags", 180),
            ("prog_tags", 184), ("run_time_ns", 192), ("run_cnt", 200), ("recursion_misses", 208), ("verified_insns", 216),
            ("attach_btf_obj_id", 220), ("attach_btf_id", 224)]),
        ("BpfMapInfo", 88, "struct bpf_map_info.", [
            ("type", 0), ("id", 4), ("key_size", 8), ("value_size", 12), ("max_entries", 16), ("map_flags", 20), ("name", 24),
            ("ifindex", 40), ("btf_vmlinux_value_type_id", 44), ("netns_dev", 48), ("netns_ino", 56), ("btf_id", 64),
            ("btf_key_type_id", 68), ("btf_value_type_id", 72), ("btf_vmlinux_id", 76), ("map_extra", 80)]),
        // The union after prog_id starts at 16; the mirror names its first words by position.
        ("BpfLinkInfo", 32, "struct bpf_link_info.", [
            ("type", 0), ("id", 4), ("prog_id", 8), ("padding", 12), ("target0", 16), ("target1", 20), ("target2", 24)]),
    ];
}
