using BpfLinq.Maps;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Binding a value to a name costs nothing: <see cref="Bpf.Let{T, TResult}(T, Func{T, TResult})"/>, an
/// invoked nested lambda and a query's <c>let</c> compile to no more instructions than the value
/// written out twice, evaluate the value once, and compute in the kernel what <c>Evaluate</c> computes.
/// </summary>
public sealed class LocalsTests
{
    public static TheoryData<string, BpfFilter<SkBuff>> Bindings() => new()
    {
        { "let", Bpf.Filter<SkBuff>(skb => Bpf.Let((skb.Len * 3) + skb.Protocol, n => n > 200 && n < 400) ? Pass : Drop) },
        { "let of two values", Bpf.Filter<SkBuff>(skb => Bpf.Let(skb.Len * 3, skb.Protocol, (n, p) => n + p > 200 && n + p < 400) ? Pass : Drop) },
        { "let of a packet word", Bpf.Filter<SkBuff>(skb => Bpf.Let(skb.Packet.U16(36), port => port == 80 || port == 443 || port > 0x8000) ? Pass : Drop) },
        { "let nested in a callback loop", Bpf.Filter<SkBuff>(skb => Bpf.Any(40, i => Bpf.Let(skb.Packet.U8(34 + i), b => b == 0x46 || b == 0x47), LoopStrategy.Callback) ? Pass : Drop) },
        { "let in a subprogram", Bpf.Filter<SkBuff>(skb => s_scaled.Invoke(skb, 5) > 300 ? Pass : Drop) },
    };

    [Fact]
    public void Let_an_invoked_lambda_and_a_query_let_cost_no_more_than_the_value_written_twice()
    {
        var twice = Count(Bpf.Filter<SkBuff>(skb => (skb.Len * 3) + skb.Protocol > 200 && (skb.Len * 3) + skb.Protocol < 400 ? Pass : Drop));
        var let = Count(Bpf.Filter<SkBuff>(skb => Bpf.Let((skb.Len * 3) + skb.Protocol, n => n > 200 && n < 400) ? Pass : Drop));
        var invoked = Count(Bpf.Filter<SkBuff>(skb => ((Func<uint, bool>)(n => n > 200 && n < 400))((skb.Len * 3) + skb.Protocol) ? Pass : Drop));
        var query = Count(Bpf.Filter(from skb in Bpf.Packets<SkBuff>() let n = (skb.Len * 3) + skb.Protocol where n > 200 && n < 400 select skb));

        let.ShouldBeLessThanOrEqualTo(twice);
        invoked.ShouldBe(let);
        query.ShouldBeLessThanOrEqualTo(twice);
    }

    [Fact]
    public void Let_costs_nothing_on_packet_reads_either()
    {
        var twice = Count(Bpf.Filter<SkBuff>(skb => skb.Packet.U16(36) == 80 || skb.Packet.U16(36) == 443 || skb.Packet.U16(36) > 0x8000 ? Pass : Drop));
        var let = Count(Bpf.Filter<SkBuff>(skb => Bpf.Let(skb.Packet.U16(36), port => port == 80 || port == 443 || port > 0x8000) ? Pass : Drop));

        let.ShouldBeLessThanOrEqualTo(twice);
    }

    [KernelTheory]
    [MemberData(nameof(Bindings))]
    public void A_binding_computes_in_the_kernel_what_Evaluate_computes(string name, BpfFilter<SkBuff> filter)
    {
        using var program = filter.Compile(ProgramKind.Tc).Load();
        foreach (var frame in NeedleFrames.Of((60, -1), (100, 40), (140, 90), (300, 35), (400, 134)))
        {
            frame[36] = (byte)(frame.Length >> 1); // a port that varies with the frame
            program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe((uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc), $"{name} on {frame.Length} bytes");
        }
    }

    [KernelFact]
    public void A_bound_value_with_an_effect_runs_once()
    {
        var counts = new ArrayMap<ulong>(1, "let_once");
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Let(counts.Increment(0), r => r + r + (long)counts.GetValueOrDefault(0)));

        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        var frame = NeedleFrames.Of((60, -1)).Single();
        var kernel = Enumerable.Range(0, 3).Select(_ => program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue).ToList();
        counts.ClearManaged();
        var managed = Enumerable.Range(0, 3).Select(_ => (uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc)).ToList();

        kernel.ShouldBe(managed);
        kernel.ShouldBe([1u, 2u, 3u], "one increment per run, not one per use of r");
        maps[counts].Lookup<uint, ulong>(0).ShouldBe(3ul);
    }

    // A Let in a subprogram's body.
    private static readonly BpfFunction<SkBuff, uint, uint> s_scaled =
        new((skb, k) => Bpf.Let(skb.Len * k, n => n ^ (n >> 3)), FunctionInlining.Never, "scaled");

    private static int Count(BpfFilter<SkBuff> filter) => filter.Compile(ProgramKind.Tc).Instructions.Length;
}
