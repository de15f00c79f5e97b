using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Breaks valid test-run inputs in the ways the kernel checks (and some it does not), to test the
/// model's refusal rules: unsettable <c>ctx_in</c> fields, frames too short for their EtherType or for
/// an Ethernet header, <c>wire_len</c> and <c>gso_segs</c> out of range, unknown devices, XDP queue and
/// egress rules. About a third of the inputs are returned unchanged.
/// </summary>
internal static class InputMutations
{
    private static readonly string[] s_unsettable =
    [
        nameof(SkBuff.Len), nameof(SkBuff.PktType), nameof(SkBuff.QueueMapping), nameof(SkBuff.Protocol),
        nameof(SkBuff.VlanPresent), nameof(SkBuff.VlanTci), nameof(SkBuff.VlanProto), nameof(SkBuff.TcIndex),
        nameof(SkBuff.Hash), nameof(SkBuff.TcClassid), nameof(SkBuff.NapiId), nameof(SkBuff.Family),
        nameof(SkBuff.RemoteIp4), nameof(SkBuff.LocalIp4), nameof(SkBuff.RemotePort), nameof(SkBuff.LocalPort),
        nameof(SkBuff.TstampType), nameof(SkBuff.RemoteIp6), nameof(SkBuff.LocalIp6),
    ];

    /// <summary>Returns <paramref name="input"/> unchanged or spoiled in one way.</summary>
    public static TestRunInput Spoil(Random random, TestRunInput input, TestRunDevice device)
    {
        var skb = input.Skb;
        var xdp = input.Xdp;
        var frame = input.Frame;
        switch (random.Next(15))
        {
            case 0:
                var name = s_unsettable[random.Next(s_unsettable.Length)];
                object value = name switch
                {
                    nameof(SkBuff.TstampType) => (byte)(1 + random.Next(255)),
                    nameof(SkBuff.RemoteIp6) or nameof(SkBuff.LocalIp6) => new uint[] { 0, 0, 0, (uint)(1 + random.Next(100)) },
                    _ => (uint)(1 + random.Next(1000)),
                };
                return input with { Skb = ContextCopy.With(skb, name, value) };
            case 1:
                // An IPv4 or IPv6 EtherType on a frame too short for its header (but a whole Ethernet header).
                var ipv6 = random.Next(2) == 0;
                var shortFrame = frame[..Math.Min(frame.Length, random.Next(14, ipv6 ? 54 : 34))];
                shortFrame[12] = ipv6 ? (byte)0x86 : (byte)0x08;
                shortFrame[13] = ipv6 ? (byte)0xdd : (byte)0x00;
                return input with { Frame = shortFrame };
            case 2:
                return input with { Frame = frame[..random.Next(14)] };
            case 3:
                // Non-zero but below the frame's length (tc's len); may still be >= len for the other kinds.
                return input with { Skb = ContextCopy.With(skb, nameof(SkBuff.WireLen), (uint)random.Next(1, frame.Length)) };
            case 4:
                return input with { Skb = ContextCopy.With(skb, nameof(SkBuff.WireLen), TestRunContext.MaxWireLen + 1 + (uint)random.Next(1000)) };
            case 5:
                return input with { Skb = ContextCopy.With(skb, nameof(SkBuff.GsoSegs), TestRunContext.MaxGsoSegs + 1 + (uint)random.Next(1000)) };
            case 6:
                return input with { Skb = ContextCopy.With(skb, nameof(SkBuff.Ifindex), 900_000u + (uint)random.Next(1000)) };
            case 7:
                return input with { Xdp = ContextCopy.With(xdp, nameof(XdpMd.EgressIfindex), (uint)(1 + random.Next(10))) };
            case 8:
                return input with { Xdp = new XdpMd { IngressIfindex = 0, RxQueueIndex = (uint)(1 + random.Next(4)) } };
            case 9:
                return input with { Xdp = new XdpMd { IngressIfindex = device.Ifindex, RxQueueIndex = device.RxQueues + (uint)random.Next(3) } };
            case 10:
                return input with { Xdp = new XdpMd { IngressIfindex = 900_000u + (uint)random.Next(1000) } };
            default:
                return input;
        }
    }
}
