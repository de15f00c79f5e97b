using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Random test-run inputs the kernel accepts (<see cref="TestRunInput.Refusal"/> is null for every
/// kind): frames with IPv4, IPv6, ARP, VLAN, arbitrary and 802.3-length EtherTypes, at least as long
/// as the kernel demands, with destination MACs that give every packet type; <c>ctx_in</c> with every
/// settable field at edge-biased values, the device chosen among loopback and <paramref name="devices"/>.
/// </summary>
internal sealed class InputGenerator(IReadOnlyList<TestRunDevice>? devices = null)
{
    private static readonly ushort[] s_etherTypes = [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x88cc, 0x0600, 0xffff];

    private readonly TestRunDevice[] _devices = [TestRunDevice.Loopback, .. devices ?? []];

    /// <summary>An FsCheck generator of <paramref name="count"/> inputs.</summary>
    public Gen<TestRunInput[]> Inputs(int count) =>
        Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => Next(random)).ToArray();
        });

    /// <summary>One input.</summary>
    public TestRunInput Next(Random random)
    {
        var device = random.Next(4) == 0 ? _devices[random.Next(_devices.Length)] : TestRunDevice.Loopback;
        var frame = Frame(random, device);
        return new TestRunInput(frame, SkbContext(random, frame.Length, device), XdpContext(random, device));
    }

    /// <summary>A frame the kernel accepts for every kind, addressed (often) to <paramref name="device"/>.</summary>
    public static byte[] Frame(Random random, TestRunDevice device)
    {
        ushort etherType = random.Next(10) switch
        {
            < 3 => EthernetFrame.EtherTypeIPv4,
            < 5 => EthernetFrame.EtherTypeIPv6,
            < 7 => s_etherTypes[random.Next(s_etherTypes.Length)],
            < 8 => (ushort)random.Next(0x10000),
            _ => (ushort)random.Next(0x0600), // an 802.3 length field
        };
        int minimum = EthernetFrame.MinimumSkbFrameLength(etherType);
        int length = random.Next(10) switch
        {
            < 4 => minimum + random.Next(9),
            < 8 => minimum + random.Next(101),
            _ => random.Next(minimum, TestRunContext.MaxFrameLength + 1),
        };
        var frame = new byte[length];
        random.NextBytes(frame);
        Destination(random, device).CopyTo(frame, 0);
        frame[12] = (byte)(etherType >> 8);
        frame[13] = (byte)etherType;
        if (etherType < 0x0600 && length >= 16 && random.Next(3) == 0)
        {
            frame[14] = frame[15] = 0xff; // raw 802.3 (Novell IPX)
        }
        return frame;
    }

    /// <summary>A <c>ctx_in</c> for skb kinds with every settable field at a biased value.</summary>
    public static SkBuff SkbContext(Random random, int frameLength, TestRunDevice device) => new()
    {
        Mark = Sometimes(random, EdgeValues.NextUInt32),
        Priority = Sometimes(random, EdgeValues.NextUInt32),
        IngressIfindex = Sometimes(random, EdgeValues.NextUInt32),
        // 0 and 1 both mean loopback; a larger index must name an existing device.
        Ifindex = device.Ifindex == 1 ? (uint)random.Next(2) : device.Ifindex,
        Cb = [.. Enumerable.Range(0, 5).Select(_ => Sometimes(random, EdgeValues.NextUInt32))],
        Tstamp = Sometimes(random, EdgeValues.NextUInt64),
        // Zero means "the packet's length"; otherwise at least the frame (tc's len) and at most 64 KiB.
        WireLen = random.Next(2) == 0 ? 0 : (uint)random.Next(frameLength, (int)TestRunContext.MaxWireLen + 1),
        GsoSegs = Sometimes(random, r => EdgeValues.NextUInt32(r) % (TestRunContext.MaxGsoSegs + 1)),
        GsoSize = Sometimes(random, EdgeValues.NextUInt32),
        Hwtstamp = Sometimes(random, EdgeValues.NextUInt64),
    };

    /// <summary>A <c>ctx_in</c> for XDP: the device (0 or its index) and one of its receive queues.</summary>
    public static XdpMd XdpContext(Random random, TestRunDevice device)
    {
        var ingress = device.Ifindex == 1 ? (uint)random.Next(2) : device.Ifindex;
        return new XdpMd
        {
            IngressIfindex = ingress,
            RxQueueIndex = ingress == 0 ? 0 : (uint)random.Next((int)device.RxQueues),
        };
    }

    private static byte[] Destination(Random random, TestRunDevice device)
    {
        var mac = new byte[6];
        switch (random.Next(10))
        {
            case < 3:
                device.Address.CopyTo(mac, 0);
                break;
            case < 4:
                device.Broadcast.CopyTo(mac, 0);
                break;
            case < 5:
                mac.AsSpan().Fill(0xff);
                break;
            case < 6:
                mac = [0x01, 0x00, 0x5e, (byte)random.Next(128), (byte)random.Next(256), (byte)random.Next(256)];
                break;
            default:
                random.NextBytes(mac);
                break;
        }
        return mac;
    }

    // Zero a third of the time: most real packets leave these fields alone, and zero is an edge value.
    private static T Sometimes<T>(Random random, Func<Random, T> value) where T : struct =>
        random.Next(3) == 0 ? default : value(random);
}
