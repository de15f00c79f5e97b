using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Captured variables changed after a filter's first compile (or evaluation): the loaded program,
/// <c>Evaluate</c> and a kind compiled later all use the values read the first time, and agree.
/// </summary>
public sealed class CapturedSnapshotTests
{
    private static readonly byte[][] s_frames = [Frame(60), Frame(80), Frame(120)];

    [KernelFact]
    public void A_scalar_changed_after_the_first_compile_changes_neither_Evaluate_nor_a_later_kind()
    {
        var limit = 100u;
        var filter = Bpf.Program<SkBuff>(skb => skb.Len < limit ? 1 : 0);
        using var first = filter.Compile(ProgramKind.Tc).Load();

        limit = 70;
        using var later = filter.Compile(ProgramKind.CgroupSkb).Load();

        AgreeEverywhere(filter, (first, ProgramKind.Tc), (later, ProgramKind.CgroupSkb));
        filter.EvaluateTestRun(Frame(80), kind: ProgramKind.Tc).ShouldBe(1); // 80 < 100, the value read first
    }

    [KernelFact]
    public void A_value_read_first_by_Evaluate_is_the_one_every_kind_compiles()
    {
        var limit = 100u;
        var filter = Bpf.Program<SkBuff>(skb => skb.Len < limit ? 1 : 0);
        filter.EvaluateTestRun(Frame(80), kind: ProgramKind.Tc).ShouldBe(1);

        limit = 70;
        using var tc = filter.Compile(ProgramKind.Tc).Load();
        using var cgroup = filter.Compile(ProgramKind.CgroupSkb).Load();

        AgreeEverywhere(filter, (tc, ProgramKind.Tc), (cgroup, ProgramKind.CgroupSkb));
        tc.TestRun(new TestRunOptions { DataIn = Frame(80) }).ReturnValue.ShouldBe(1u);
    }

    [KernelFact]
    public void Array_elements_and_a_functions_captured_values_are_part_of_the_snapshot()
    {
        uint[] limits = [100, 110];
        var bonus = 5u;
        var addBonus = new BpfFunction<uint, uint>(x => x + bonus, FunctionInlining.Never, "add_bonus");
        var filter = Bpf.Program<SkBuff>(skb => addBonus.Invoke(skb.Len) < limits[1] ? 1 : 0);
        using var first = filter.Compile(ProgramKind.Tc).Load();

        limits[1] = 10;
        bonus = 500;
        using var later = filter.Compile(ProgramKind.CgroupSkb).Load();

        AgreeEverywhere(filter, (first, ProgramKind.Tc), (later, ProgramKind.CgroupSkb));
        filter.EvaluateTestRun(Frame(80), kind: ProgramKind.Tc).ShouldBe(1); // 80 + 5 < 110
    }

    // Each loaded program returns on each frame what Evaluate returns for its kind.
    private static void AgreeEverywhere(BpfFilter<SkBuff> filter, params (BpfProgram Program, ProgramKind Kind)[] programs)
    {
        foreach (var (program, kind) in programs)
        {
            foreach (var frame in s_frames)
            {
                var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
                kernel.ShouldBe((uint)filter.EvaluateTestRun(frame, kind: kind), $"{kind} on a {frame.Length}-byte frame");
            }
        }
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        frame[14] = 0x45; // IPv4, as cgroup_skb's test run requires
        return frame;
    }
}
