using System.Net.Sockets;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime.Tests.Links;

/// <summary>
/// What sk_skb verdict tests share: a sockmap, a trivial verdict program, and a probe that puts the
/// receiving end of a fresh AF_UNIX stream pair into the map and reports whether a message sent
/// to it arrives.
/// </summary>
internal static class SockMapVerdict
{
    public const int SkDrop = 0;
    public const int SkPass = 1;

    public static BpfMap CreateSockMap() =>
        BpfMap.Create(new MapCreateOptions { Type = MapType.SockMap, KeySize = 4, ValueSize = 4, MaxEntries = 2, Name = "socks" });

    public static BpfProgram LoadVerdict(int verdict) =>
        BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SkSkb, Instructions = TestProgram.Return(verdict), Name = "verdict" });

    /// <summary>True when "ping" sent to a socket in slot 0 of the map arrives.</summary>
    public static bool Arrives(BpfMap sockMap)
    {
        var (receiver, sender) = SocketPair.Create(SocketType.Stream);
        using (receiver)
        using (sender)
        {
            sockMap.Update(0u, (uint)receiver.SafeHandle.DangerousGetHandle());
            try
            {
                sender.Send("ping"u8);
                if (!receiver.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectRead))
                {
                    return false;
                }
                var buffer = new byte[16];
                int length = receiver.Receive(buffer);
                return buffer.AsSpan(0, length).SequenceEqual("ping"u8);
            }
            finally
            {
                sockMap.Delete(0u);
            }
        }
    }
}
