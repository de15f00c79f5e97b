using System.Net.Sockets;
using System.Text;
using BpfLinq;
using BpfLinq.Runtime;
using static BpfLinq.Verdict;

namespace Quickstart;

/// <summary>
/// The design card's first lambda, compiled by BpfLinq, attached to the receiving end of a datagram
/// socket pair: datagrams shorter than 6 bytes arrive, longer ones are dropped by the kernel.
/// </summary>
public static class LengthFilter
{
    /// <summary>The filter.</summary>
    public static BpfFilter<SkBuff> Filter { get; } = Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop);

    /// <summary>Sends each message through the attached filter and returns what the receiver got.</summary>
    public static IEnumerable<(string Sent, bool Delivered)> Run(IEnumerable<string> messages)
    {
        using var program = Filter.Load(ProgramKind.SocketFilter);
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        using (program.AttachTo(receiver))
        {
            var results = new List<(string, bool)>();
            var buffer = new byte[256];
            foreach (var message in messages)
            {
                sender.Send(Encoding.ASCII.GetBytes(message));
                // A dropped datagram never reaches the queue: the filter ran in sendmsg, before we poll.
                var delivered = receiver.Available > 0 && Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer)) == message;
                results.Add((message, delivered));
            }
            return results;
        }
    }
}
