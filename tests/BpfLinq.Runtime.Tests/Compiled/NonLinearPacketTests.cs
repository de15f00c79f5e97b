using System.Net;
using System.Net.Sockets;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// A tc filter reads bytes beyond the linear area: on loopback egress, TCP keeps a segment's payload
/// in page fragments (a hand-written program checks that premise first: <c>skb->len</c> exceeds
/// <c>data_end - data</c>), where direct packet access cannot reach. The compiled filter pulls them
/// in (<c>bpf_skb_pull_data</c>) and matches the payload, so it drops exactly the segment that
/// starts with the pattern.
/// </summary>
public sealed class NonLinearPacketTests
{
    private const string Pattern = "DROPME";

    [KernelFact]
    public void A_tc_filter_matches_payload_bytes_that_lie_beyond_the_linear_area()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = (ushort)((IPEndPoint)listener.LocalEndpoint).Port;

        // The premise, on a first connection: a hand-written tc program that drops this port's
        // segments whose skb->len exceeds data_end - data drops our data segment.
        var (client, server) = Connect(listener);
        using (client)
        using (server)
        using (var premise = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SchedCls, Instructions = Assembler.Assemble(NonLinearDropper(port)) }))
        using (BpfLink.Create(premise, 1, AttachType.TcxEgress))
        {
            Send(client, "is the payload linear?");
            Should.Throw<IOException>(() => Receive(server, 400), "the segment should be non-linear on loopback egress");
        }

        var filter = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.DestinationPort == port
            && skb.Packet.StartsWith(14 + skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength, Pattern) ? Drop : Pass);
        using var program = filter.Load(ProgramKind.Tc);
        (client, server) = Connect(listener);
        using (client)
        using (server)
        using (BpfLink.Create(program, 1, AttachType.TcxEgress))
        {
            Send(client, "hello");
            Receive(server, 2000).ShouldBe("hello");
            Send(client, Pattern + " and more");
            Should.Throw<IOException>(() => Receive(server, 400)); // dropped at egress, and so are the retransmissions
        }
    }

    // The same, as cgroup_skb on the root cgroup's egress: no pull there, so the read past the
    // linear data falls back to bpf_skb_load_bytes.
    [KernelFact]
    public void A_cgroup_skb_filter_reads_payload_beyond_the_linear_area_through_the_helper()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = (ushort)((IPEndPoint)listener.LocalEndpoint).Port;
        var filter = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.DestinationPort == port
            && skb.Packet.StartsWith(skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength, Pattern) ? Drop : Pass);
        using var program = filter.Load(ProgramKind.CgroupSkb);
        // The cgroup v2 hierarchy's root (this machine mounts it at /sys/fs/cgroup/unified).
        var mount = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1];
        mount.ShouldNotBeNull("a cgroup v2 hierarchy should be mounted");
        var cgroup = Open(mount, 0x10000); // O_RDONLY | O_DIRECTORY
        cgroup.ShouldBeGreaterThanOrEqualTo(0, $"the cgroup v2 root {mount} should open");
        try
        {
            var (client, server) = Connect(listener);
            using (client)
            using (server)
            using (BpfLink.Create(program, cgroup, AttachType.CgroupInetEgress))
            {
                Send(client, "hello");
                Receive(server, 2000).ShouldBe("hello");
                Send(client, Pattern + " and more");
                Should.Throw<IOException>(() => Receive(server, 400));
            }
        }
        finally
        {
            _ = Close(cgroup);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    // Drops TCP segments to `port` (IPv4 without options) that are not all linear; passes the rest.
    private static string NonLinearDropper(ushort port) => $"""
        r2 = *(u32 *)(r1 + {ContextOffsets.SkBuffData})
        r3 = *(u32 *)(r1 + {ContextOffsets.SkBuffDataEnd})
        r4 = r2
        r4 += 0x28
        if r4 > r3 goto +0x7
        r5 = *(u16 *)(r2 + 0x24)
        if w5 != 0x{(ushort)((port << 8) | (port >> 8)):x} goto +0x5
        r6 = *(u32 *)(r1 + {ContextOffsets.SkBuff(nameof(SkBuff.Len))})
        r3 -= r2
        if r6 <= r3 goto +0x2
        r0 = 0x2
        exit
        r0 = 0x0
        exit
        """;

    private static (TcpClient Client, TcpClient Server) Connect(TcpListener listener)
    {
        var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        return (client, listener.AcceptTcpClient());
    }

    private static void Send(TcpClient client, string text) => client.GetStream().Write(System.Text.Encoding.ASCII.GetBytes(text));

    private static string Receive(TcpClient server, int timeoutMilliseconds)
    {
        server.ReceiveTimeout = timeoutMilliseconds;
        var buffer = new byte[256];
        return System.Text.Encoding.ASCII.GetString(buffer, 0, server.GetStream().Read(buffer));
    }
}
