using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Lambdas that rewrite packets (bpf_skb_store_bytes, the incremental checksum helpers), run with
/// BPF_PROG_TEST_RUN: the packet the kernel hands back equals what the managed model wrote into its copy.
/// </summary>
public sealed class PacketWriteTests
{
    public static TheoryData<string, BpfFilter<SkBuff>> Writers => new()
    {
        { "store a byte", Bpf.Filter<SkBuff>(skb => Bpf.Then(skb.StoreBytes(22, 63, 1), Pass)) },
        { "store a port", Bpf.Filter<SkBuff>(skb => Bpf.Then(skb.StoreBytes(36, 8080, 2), Pass)) },
        { "store 8 bytes past the end fails", Bpf.Program<SkBuff>(skb => skb.StoreBytes((int)skb.Len - 4, 0x0102030405060708, 8) == 0 ? 1 : 2) },
        { "rewrite the TTL with its checksum", Bpf.Filter<SkBuff>(skb => Bpf.Then(skb.L3CsumReplace(24, 0x4006, 0x3f06, 2), Bpf.Then(skb.StoreBytes(22, 0x3f, 1), Pass))) },
        { "rewrite the source address with both checksums", Bpf.Filter<SkBuff>(skb =>
            Bpf.Then(skb.L4CsumReplace(50, 0x0a000001, 0xc0a80101, 4, true),
            Bpf.Then(skb.L3CsumReplace(24, 0x0a000001, 0xc0a80101, 4),
            Bpf.Then(skb.StoreBytes(26, 0xc0a80101, 4), Pass)))) },
    };

    [KernelTheory]
    [MemberData(nameof(Writers))]
    public void The_kernel_writes_what_the_managed_model_writes(string name, BpfFilter<SkBuff> filter)
    {
        using var program = filter.Compile(ProgramKind.Tc).Load();
        var frame = TcpFrame();

        var result = program.TestRun(new TestRunOptions { DataIn = frame });
        var context = TestRunContext.ForSkb(ProgramKind.Tc, frame);
        var expected = (uint)filter.Evaluate(context, ProgramKind.Tc);

        result.ReturnValue.ShouldBe(expected, name);
        result.DataOut.ShouldBe(context.Packet.ToArray(), name);
    }

    [Fact]
    public void Packet_views_and_writes_do_not_mix()
    {
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(skb.StoreBytes(22, 63, 1), skb.Packet.U8(22) == 63 ? Pass : Drop));

        Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc)).Message.ShouldContain("reads it with skb.LoadBytes");
    }

    // Ethernet + IPv4 (10.0.0.1 -> 10.0.0.2, TTL 64, a correct header checksum) + TCP to port 80.
    private static byte[] TcpFrame()
    {
        var frame = new byte[64];
        frame[12] = 0x08;
        byte[] ip = [0x45, 0, 0, 50, 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
        ip.CopyTo(frame, 14);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += (uint)((ip[i] << 8) | ip[i + 1]);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        frame[24] = (byte)(~sum >> 8);
        frame[25] = (byte)~sum;
        frame[36] = 0;
        frame[37] = 80;
        frame[50] = 0x12; // a TCP checksum to update
        frame[51] = 0x34;
        return frame;
    }
}
