using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>A helper called by id, in the kernel and in <c>Evaluate</c> with a managed twin: the same result.</summary>
public sealed class HelperTwinTests
{
    [KernelFact]
    public void A_twin_of_bpf_get_numa_node_id_makes_Evaluate_agree_with_the_kernel()
    {
        const int GetNumaNodeId = 42; // this machine has one NUMA node: the helper returns 0
        var program = Bpf.Program<SkBuff>(skb => Bpf.CallHelper(GetNumaNodeId) + skb.Len);
        using var loaded = program.Compile(ProgramKind.Tc).Load();
        var options = new EvaluateOptions { Kind = ProgramKind.Tc, Helpers = { [GetNumaNodeId] = _ => 0 } };
        var frame = new byte[70];
        frame[12] = 0x08;

        var kernel = loaded.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;

        kernel.ShouldBe(70u);
        program.EvaluateTestRun(frame, null, options).ShouldBe(70);
    }
}
