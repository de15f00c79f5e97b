using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Btf;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>
/// The kernel's BTF checker (<c>BPF_BTF_LOAD</c>) accepts what the encoder writes: every per-kind
/// sample alone and all of them in one graph. (Here rather than in the runtime tests because the
/// samples are the compiler tests'; rejections are tested in the runtime's BtfObjectTests.)
/// </summary>
public class KernelAcceptanceTests
{
    [KernelTheory]
    [MemberData(nameof(BtfSamples.CaseNames), MemberType = typeof(BtfSamples))]
    public void The_kernel_accepts_each_sample(string sample)
    {
        var builder = new BtfBuilder();
        builder.Add(BtfSamples.Cases[sample]());

        using var btf = BtfObject.Load(builder.Marshal());

        btf.Fd.ShouldBeGreaterThan(0);
    }

    [KernelFact]
    public void The_kernel_accepts_the_rich_graph()
    {
        var builder = new BtfBuilder();
        var graph = BtfSamples.RichGraph();
        graph.ForEach(type => builder.Add(type));
        var blob = builder.Marshal();

        using var btf = BtfObject.Load(blob);

        btf.Fd.ShouldBeGreaterThan(0);
        builder.Count.ShouldBeGreaterThan(graph.Count, "the graph's referenced types were numbered and loaded too");
    }
}
