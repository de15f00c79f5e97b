using BpfLinq.Compiler.Frontend;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>
/// Lowering does not recurse once per link of a chain: a garbage collection walks every frame of
/// the thread's stack, so a lowering as deep as the chain makes each collection as slow as the chain
/// is long. Each chain of 10,000 links lowers on a thread with a 1 MiB stack, where a recursion per
/// link runs out of stack (the lowering checks the stack at each node and throws
/// <see cref="InsufficientExecutionStackException"/>). Not the right-nested <c>==</c>, whose left
/// sides must all be evaluated before the innermost comparison (BPF0032 at 100 links), nor the
/// firewall, which is an <c>||</c> chain after the packet API is desugared.
/// </summary>
public sealed class LoweringDepthTests
{
    public static TheoryData<string> Shapes => new(DeepChains.Names.Where(s => s is not "equal-right" and not "firewall"));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_chain_of_10000_links_lowers_on_a_small_stack(string shape)
    {
        var (op, left) = DeepChains.Parse(shape);
        var lambda = DeepChains.Build(op, left, 10_000);
        var options = new LoweringOptions();
        Exception? failure = null;
        var blocks = 0;
        var thread = new Thread(
            () =>
            {
                try
                {
                    blocks = IrLowering.LowerNormalised(lambda, new DiagnosticContext(lambda, ProgramKind.Tc, options), options).Main.Blocks.Count;
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();

        failure.ShouldBeNull();
        blocks.ShouldBeGreaterThan(0);
    }
}
