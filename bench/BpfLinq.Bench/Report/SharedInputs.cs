using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Bench.Report;

/// <summary>The frames and context values both builds of a row run on; their verdicts must agree.</summary>
internal static class SharedInputs
{
    private static byte[] Frame(ushort etherType, int payload, byte fill) =>
        [.. new byte[] { 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, (byte)(etherType >> 8), (byte)etherType }, .. Enumerable.Repeat(fill, payload)];

    private static byte[] Ipv4(int payload) =>
        [.. Frame(0x0800, 0, 0), 0x45, 0, 0, (byte)(20 + payload), 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, .. new byte[payload]];

    /// <summary>(frame, ctx_in) pairs: lengths around the thresholds, IPv4 and not, marks and cb values at edges.</summary>
    public static IReadOnlyList<(byte[] Frame, byte[] Context)> All { get; } =
    [
        .. from frame in new[] { Frame(0x88b5, 0, 0), Frame(0x88b5, 5, 1), Frame(0x88b5, 6, 2), Ipv4(0), Ipv4(64), Frame(0x88b5, 1400, 3) }
           from skb in new[]
           {
               new SkBuff(),
               new SkBuff { Mark = 100, Priority = 7 },
               new SkBuff { Mark = 101, Priority = 6, Cb = [1, 2, 3, 4, 5] },
               new SkBuff { Mark = 1024, Priority = 0, Cb = [0xffffffff, 0x80000000, 0, 0, 0] },
               new SkBuff { Mark = 49151, Priority = 7 },
               new SkBuff { Mark = 2, Priority = 0xffffffff },
               new SkBuff { Mark = 3 },
           }
           select (frame, ContextLayout.ToBytes(skb)),
    ];
}
