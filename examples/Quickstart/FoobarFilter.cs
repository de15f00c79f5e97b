using System.Net.Sockets;
using System.Text;
using BpfLinq;
using BpfLinq.Runtime;
using static BpfLinq.Verdict;

namespace Quickstart;

/// <summary>
/// The blog post's "drop packets containing foobar" sk_skb stream-verdict filter (from the raw-bytecode eBPF tutorial the project started from),
/// run on a sockmap holding one end of a socketpair, as the post does. Written as C# lambdas twice,
/// like the post's two versions: a loop over <c>bpf_skb_load_bytes</c> + <c>bpf_strncmp</c>
/// (<see cref="StrncmpLoop"/>), and <c>bpf_loop</c> with a callback calling the <c>bpf_strcmp</c>
/// kfunc (<see cref="BpfLoopStrcmp"/>). (The post's raw instructions, rebuilt with the Insn builders,
/// are in the runtime tests' Seeds folder.)
/// </summary>
public static class FoobarFilter
{
    /// <summary>Slides a 6-byte window over the first 512 offsets: a bounded loop in the program (the verifier walks all 512 iterations).</summary>
    public static readonly BpfFilter<SkBuff> StrncmpLoop = Bpf.Filter<SkBuff>(skb =>
        skb.Len < 6 ? Pass
        : Bpf.Any(0x200, i => Bpf.Strncmp(skb.LoadBytes(i, 6), 6, "foobar") == 0, LoopStrategy.Inline) ? Drop : Pass);

    /// <summary>The same with <c>bpf_loop</c> over exactly the packet's windows, each compared by the <c>bpf_strcmp</c> kfunc.</summary>
    public static readonly BpfFilter<SkBuff> BpfLoopStrcmp = Bpf.Filter<SkBuff>(skb =>
        skb.Len < 6 ? Pass
        : Bpf.Any((int)skb.Len - 5, i => Bpf.Strcmp(skb.LoadBytes(i, 6), "foobar") == 0, LoopStrategy.Callback) ? Drop : Pass);

    /// <summary>Compiles a lambda version as sk_skb, loads it and runs <paramref name="packets"/> through it.</summary>
    public static List<(string Sent, string Received)> Run(BpfFilter<SkBuff> filter, IEnumerable<string> packets)
    {
        using var verdict = filter.Compile(ProgramKind.SkSkb).Load();
        return Run(verdict, packets);
    }

    private static readonly TimeSpan s_keptPacketWait = TimeSpan.FromMilliseconds(200);

    /// <summary>The packets the post sends, in order.</summary>
    public static readonly string[] BlogPackets = ["foo", "bar", "foobar", "fooba", "snafu", "ffoobarbaz", "bazbarfoo"];

    /// <summary>
    /// Attaches a loaded stream-verdict program to a sockmap holding one end of a UNIX datagram
    /// socketpair, sends each packet from the other end and returns what arrived ("" when dropped).
    /// </summary>
    public static List<(string Sent, string Received)> Run(BpfProgram verdict, IEnumerable<string> packets)
    {
        using var sockMap = BpfMap.Create(new MapCreateOptions { Type = MapType.SockMap, KeySize = 4, ValueSize = 4, MaxEntries = 1, Name = "socks" });
        using var attachment = SockMapAttachment.Attach(sockMap, verdict, AttachType.SkSkbStreamVerdict);
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            sockMap.Update(0u, (uint)receiver.SafeHandle.DangerousGetHandle());
            var results = new List<(string, string)>();
            var buffer = new byte[0x10];
            foreach (var packet in packets)
            {
                sender.Send(Encoding.ASCII.GetBytes(packet));
                // A kept packet is queued at once; a dropped one never arrives, so wait briefly for it.
                var received = receiver.Poll(s_keptPacketWait, SelectMode.SelectRead)
                    ? Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer))
                    : "";
                results.Add((packet, received));
            }
            return results;
        }
    }
}
