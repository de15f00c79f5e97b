using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

/// <summary>
/// The summariser on real logs of this machine's kernel (Linux 6.18), kept in testdata/verifier:
/// each was produced by loading a broken program (or BTF blob) with log level 1.
/// </summary>
public class VerifierLogTests
{
    public static TheoryData<string, string, int?, string?> Logs() => new()
    {
        { "exit_only", "R0 !read_ok", 0, "exit" },
        { "scalar_deref", "R1 invalid mem access 'scalar'", 1, "r0 = *(u32 *)(r1 +0)" },
        { "ctx_access", "invalid bpf_context access off=76 size=4", 0, "r0 = *(u32 *)(r1 +76)" },
        { "helper_arg", "R1 type=scalar expected=map_ptr", 4, "call bpf_map_lookup_elem#1" },
        { "null_map_value", "R0 invalid mem access 'map_value_or_null'", 6, "r0 = *(u64 *)(r0 +0)" },
        { "stack_oob", "invalid read from stack R10 off=8 size=8", 0, "r0 = *(u64 *)(r10 +8)" },
        { "jump_out_of_range", "jump out of range from insn 0 to 6", null, null },
        { "unreachable", "unreachable insn 2", null, null },
        { "infinite_loop", "infinite loop detected at insn 1", 1, "goto pc-1" },
        // A BPF-to-BPF call with line_info: source lines and frame states between the instructions.
        { "subprog_line_info", "R0 !read_ok", 1, "r0 += 1" },
        { "btf_bad_func", "[3] FUNC main type_id=99 Invalid type_id", null, null },
        // The member line is indented under its struct: the struct line explains it and is kept.
        { "btf_bad_member", "[2] STRUCT pair size=8 vlen=2: b type_id=77 bits_offset=32 Invalid member", null, null },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void The_summary_is_the_line_that_matters(string file, string summary, int? index, string? instruction)
    {
        string log = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Runtime.Tests", "testdata", "verifier", file + ".log"));

        var result = VerifierLog.Summarize(log);

        result.Text.ShouldBe(summary);
        result.InstructionIndex.ShouldBe(index);
        result.Instruction.ShouldBe(instruction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n")]
    [InlineData("verification time 12 usec\nstack depth 0\n")]
    public void A_log_of_only_bookkeeping_has_no_summary(string log) =>
        VerifierLog.Summarize(log).Text.ShouldBeEmpty();

    [Fact]
    public void A_register_fact_before_a_verdict_is_kept()
    {
        const string Log = "3: (61) r0 = *(u32 *)(r1 +0)\nR1 type=scalar expected=fp, pkt, map_value\ninvalid mem access 'scalar'\nprocessed 4 insns\n";

        var result = VerifierLog.Summarize(Log);

        result.Text.ShouldBe("R1 type=scalar expected=fp, pkt, map_value: invalid mem access 'scalar'");
        result.InstructionIndex.ShouldBe(3);
    }
}
