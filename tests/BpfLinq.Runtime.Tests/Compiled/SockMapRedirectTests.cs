using System.Net.Sockets;
using System.Text;
using BpfLinq.Compiler.Isa;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>An sk_skb lambda redirecting a sockmap's data to another socket of the map (bpf_sk_redirect_map).</summary>
public sealed class SockMapRedirectTests
{
    [KernelFact]
    public void Data_received_on_one_socket_is_redirected_into_another()
    {
        var socks = new SockMap(2, "socks");
        var filter = Bpf.Program<SkBuff>(skb => skb.Len > 3 ? socks.Redirect(skb, 1, true) : 1);
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.SkSkb).Load(maps);
        var sockMap = maps.GetOrCreate(socks);
        using var attachment = SockMapAttachment.Attach(sockMap, program, AttachType.SkSkbStreamVerdict);
        var (a0, a1) = SocketPair.Create(SocketType.Dgram);
        var (b0, b1) = SocketPair.Create(SocketType.Dgram);
        using (a0)
        using (a1)
        using (b0)
        using (b1)
        {
            sockMap.Update(0u, (uint)a0.SafeHandle.DangerousGetHandle());
            sockMap.Update(1u, (uint)b0.SafeHandle.DangerousGetHandle());

            a1.Send(Encoding.ASCII.GetBytes("hi"));           // short: SK_PASS, stays on a0
            a1.Send(Encoding.ASCII.GetBytes("redirected"));   // long: into b0's receive queue

            Receive(a0).ShouldBe("hi");
            Receive(b0).ShouldBe("redirected");
            a0.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead).ShouldBeFalse();
        }
        socks.SetManagedSlot(1, occupied: true);
        filter.Evaluate(new SkBuff { Len = 10 }, ProgramKind.SkSkb).ShouldBe(1); // SK_PASS: slot 1 holds a socket
        socks.ClearManaged();
        filter.Evaluate(new SkBuff { Len = 10 }, ProgramKind.SkSkb).ShouldBe(0); // SK_DROP: empty slot
    }

    private static string Receive(Socket socket)
    {
        socket.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead).ShouldBeTrue();
        var buffer = new byte[64];
        return Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer));
    }
}
