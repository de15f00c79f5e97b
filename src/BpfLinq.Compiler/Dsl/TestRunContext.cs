using System.Buffers.Binary;
using BpfLinq.Compiler.Compilation;

using BpfLinq.Compiler.Frontend;

namespace BpfLinq;

/// <summary>
/// The context a program sees during <c>BPF_PROG_TEST_RUN</c> on Linux 6.18, from the frame and the
/// <c>ctx_in</c> it is given: the managed model to evaluate lambdas on (and the CLR side of the
/// differential tests). Learned from <c>net/bpf/test_run.c</c> (<c>bpf_prog_test_run_skb</c>,
/// <c>convert___skb_to_skb</c>, <c>bpf_prog_test_run_xdp</c>, <c>xdp_convert_md_to_buff</c>) and
/// <c>eth_type_trans()</c>, and checked field by field against the kernel by the tests.
///
/// skb kinds (socket filter, tc, cgroup_skb). The kernel builds an skb from the frame on the loopback
/// device (or the device whose index is in <c>ctx_in.ifindex</c> when above 1), runs
/// <c>eth_type_trans()</c> (which pulls the 14-byte Ethernet header) and pushes the header back for tc
/// only. So:
/// <list type="bullet">
/// <item><c>len</c>: the frame's length for tc, 14 less for socket filters and cgroup_skb.</item>
/// <item><c>pkt_type</c>, <c>protocol</c>: from the destination MAC and EtherType (<see cref="EthernetFrame"/>).</item>
/// <item><c>mark</c>, <c>priority</c>, <c>ingress_ifindex</c> (any value), <c>cb[5]</c>, <c>tstamp</c>,
/// <c>gso_segs</c>, <c>hwtstamp</c>: copied from <c>ctx_in</c>; <c>gso_size</c> too, truncated to 16 bits
/// (<c>skb_shared_info.gso_size</c> is a u16).</item>
/// <item><c>ifindex</c>: the device's index, 1 (loopback) when <c>ctx_in.ifindex</c> is 0 or 1.</item>
/// <item><c>wire_len</c>: <c>ctx_in.wire_len</c>, or <c>len</c> (as above) when that is 0.</item>
/// <item><c>family</c> and addresses (the test run's dummy socket): AF_INET with <c>local_ip4</c> = the
/// IPv4 source and <c>remote_ip4</c> = the destination for EtherType 0x0800; AF_INET6 with the IPv6
/// source/destination for 0x86DD; AF_UNSPEC and zeros otherwise. Ports are 0.</item>
/// <item>Everything else (<c>queue_mapping</c>, the VLAN fields, <c>tc_index</c>, <c>hash</c>,
/// <c>tc_classid</c>, <c>napi_id</c>, <c>tstamp_type</c>): 0.</item>
/// </list>
/// XDP. The frame sits on loopback's receive queue 0 unless <c>ctx_in.ingress_ifindex</c> names another
/// device: <c>ingress_ifindex</c> is that device's index (1 when 0 is given), <c>rx_queue_index</c> the
/// given queue, <c>egress_ifindex</c> 0.
/// <para>
/// The packet (<see cref="SkBuff.Packet"/>, <see cref="XdpMd.Packet"/>) is the frame, seen from the
/// kind's <see cref="PacketStart"/>: for tc and XDP offset 0 is the Ethernet header
/// (<c>Packet.FromFrame(frame, PacketStart.Link)</c>); for socket filters and cgroup_skb it is byte 14,
/// the IP header, with the Ethernet header still reachable as <see cref="Packet.Ethernet"/>
/// (<c>Packet.FromFrame(frame, PacketStart.Network)</c>), so <see cref="Packet.Length"/> is
/// <c>len</c> in every kind. A <c>Packet</c> in <c>ctx_in</c> is ignored: the frame is the packet.
/// </para>
/// <para>
/// The compiler's tests check this model field by field against the running kernel, so
/// <see cref="BpfFilter{TContext}.EvaluateTestRun(ReadOnlySpan{byte}, TContext, ProgramKind?)"/> gives what a test run of the loaded program returns.
/// </para>
/// </summary>
public static class TestRunContext
{
    private const int AfUnspec = 0, AfInet = 2, AfInet6 = 10;

    /// <summary><c>GSO_MAX_SEGS</c>: the largest <c>ctx_in.gso_segs</c>.</summary>
    internal const uint MaxGsoSegs = 65535;

    /// <summary><c>GSO_LEGACY_MAX_SIZE</c>: the largest non-zero <c>ctx_in.wire_len</c>.</summary>
    internal const uint MaxWireLen = 65536;

    /// <summary>The longest frame the generators produce (the kernel takes a little under a page).</summary>
    internal const int MaxFrameLength = 1514;

    /// <summary>The fields of <c>struct __sk_buff</c> that <c>ctx_in</c> may set; any other non-zero byte is EINVAL.</summary>
    internal static IReadOnlySet<string> SettableSkbFields { get; } = new HashSet<string>
    {
        nameof(SkBuff.Mark), nameof(SkBuff.Priority), nameof(SkBuff.IngressIfindex), nameof(SkBuff.Ifindex),
        nameof(SkBuff.Cb), nameof(SkBuff.Tstamp), nameof(SkBuff.WireLen), nameof(SkBuff.GsoSegs),
        nameof(SkBuff.GsoSize), nameof(SkBuff.Hwtstamp),
    };

    /// <summary>
    /// The socket buffer a socket filter, tc or cgroup_skb program sees when test-run on
    /// <paramref name="frame"/> (an Ethernet frame) with <paramref name="ctxIn"/> as <c>ctx_in</c>, its
    /// <see cref="SkBuff.Packet"/> the frame from the Ethernet header (tc) or from the network header
    /// (socket filter, cgroup_skb).
    /// </summary>
    /// <param name="kind">A kind with an skb test run: <see cref="ProgramKind.SocketFilter"/>, <see cref="ProgramKind.Tc"/> or <see cref="ProgramKind.CgroupSkb"/>.</param>
    /// <param name="frame">The frame, from its Ethernet header.</param>
    /// <param name="ctxIn">The context passed in (only the fields the kernel lets <c>ctx_in</c> set), or null for none.</param>
    /// <param name="devices">Devices <c>ctxIn.Ifindex</c> may name besides loopback.</param>
    /// <exception cref="ArgumentException">The kind has no skb test run, or the kernel would refuse the run (the message says why).</exception>
    public static SkBuff ForSkb(ProgramKind kind, ReadOnlySpan<byte> frame, SkBuff? ctxIn = null, IReadOnlyList<TestRunDevice>? devices = null)
    {
        RequireSkbKind(kind);
        var ctx = ctxIn ?? new SkBuff();
        if (SkbRefusal(kind, frame, ctx, devices) is { } refusal)
        {
            throw new ArgumentException($"the kernel refuses this test run: {refusal}", nameof(frame));
        }
        var device = Device(ctx.Ifindex, devices);
        var len = Len(kind, frame);
        var (family, local, remote) = Addresses(frame);
        return new SkBuff
        {
            Len = len,
            PktType = EthernetFrame.PacketType(frame, device),
            Mark = ctx.Mark,
            Protocol = EthernetFrame.Protocol(frame),
            Priority = ctx.Priority,
            IngressIfindex = ctx.IngressIfindex,
            Ifindex = device.Ifindex,
            Cb = [.. ctx.Cb],
            Family = family,
            LocalIp4 = family == AfInet ? local[0] : 0,
            RemoteIp4 = family == AfInet ? remote[0] : 0,
            LocalIp6 = family == AfInet6 ? local : new uint[4],
            RemoteIp6 = family == AfInet6 ? remote : new uint[4],
            Tstamp = ctx.Tstamp,
            WireLen = ctx.WireLen == 0 ? len : ctx.WireLen,
            GsoSegs = ctx.GsoSegs,
            GsoSize = ctx.GsoSize & 0xffff,
            Hwtstamp = ctx.Hwtstamp,
            Packet = PacketOf(kind, frame),
        };
    }

    /// <summary>The XDP context an XDP program sees when test-run on <paramref name="frame"/> with <paramref name="ctxIn"/> as <c>ctx_in</c>, its <see cref="XdpMd.Packet"/> the frame from the Ethernet header.</summary>
    /// <param name="frame">The frame, from its Ethernet header.</param>
    /// <param name="ctxIn">The context passed in (<c>ingress_ifindex</c> and <c>rx_queue_index</c>), or null for none.</param>
    /// <param name="devices">Devices <c>ctxIn.IngressIfindex</c> may name besides loopback.</param>
    /// <exception cref="ArgumentException">The kernel would refuse the run (the message says why).</exception>
    public static XdpMd ForXdp(ReadOnlySpan<byte> frame, XdpMd? ctxIn = null, IReadOnlyList<TestRunDevice>? devices = null)
    {
        var ctx = ctxIn ?? new XdpMd();
        if (XdpRefusal(frame, ctx, devices) is { } refusal)
        {
            throw new ArgumentException($"the kernel refuses this test run: {refusal}", nameof(frame));
        }
        return new XdpMd
        {
            IngressIfindex = Device(ctx.IngressIfindex, devices).Ifindex,
            RxQueueIndex = ctx.RxQueueIndex,
            EgressIfindex = 0,
            Packet = PacketOf(ProgramKind.Xdp, frame),
        };
    }

    /// <summary>
    /// The packet a program of <paramref name="kind"/> sees of <paramref name="frame"/>: from the Ethernet
    /// header for tc and XDP, from byte 14 (the network header) for socket filters and cgroup_skb, and
    /// the bytes as stream data for sk_skb (which has no test run; this is what its lambdas see of data).
    /// </summary>
    internal static Packet PacketOf(ProgramKind kind, ReadOnlySpan<byte> frame) => ProgramKindTable.Of(kind).PacketStart switch
    {
        PacketStart.Payload => new Packet(frame.ToArray(), PacketStart.Payload),
        var start => Packet.FromFrame(frame.ToArray(), start),
    };

    /// <summary>
    /// Why the kernel refuses to test-run a program of <paramref name="kind"/> (socket filter, tc or
    /// cgroup_skb) on this input (the errno and the rule), or null when it runs it.
    /// </summary>
    /// <param name="kind">A kind with an skb test run.</param>
    /// <param name="frame">The frame.</param>
    /// <param name="ctxIn">The <c>ctx_in</c>, or null for none.</param>
    /// <param name="devices">Devices besides loopback.</param>
    /// <exception cref="ArgumentException">The kind has no skb test run.</exception>
    public static string? SkbRefusal(ProgramKind kind, ReadOnlySpan<byte> frame, SkBuff? ctxIn = null, IReadOnlyList<TestRunDevice>? devices = null)
    {
        RequireSkbKind(kind);
        return FrameRefusal(frame) ?? SkbContextRefusal(kind, frame, ctxIn ?? new SkBuff(), devices);
    }

    /// <summary>Why the kernel refuses to test-run an XDP program on this input, or null when it runs it.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="ctxIn">The <c>ctx_in</c>, or null for none.</param>
    /// <param name="devices">Devices besides loopback.</param>
    public static string? XdpRefusal(ReadOnlySpan<byte> frame, XdpMd? ctxIn = null, IReadOnlyList<TestRunDevice>? devices = null) =>
        FrameRefusal(frame) ?? XdpContextRefusal(ctxIn ?? new XdpMd(), devices);

    private static string? FrameRefusal(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < EthernetFrame.HeaderLength)
        {
            return "EINVAL: a frame needs at least an Ethernet header (14 bytes)";
        }
        return frame.Length > MaxFrameLength ? $"outside the model: frames above {MaxFrameLength} bytes" : null;
    }

    private static string? SkbContextRefusal(ProgramKind kind, ReadOnlySpan<byte> frame, SkBuff ctx, IReadOnlyList<TestRunDevice>? devices)
    {
        var etherType = EthernetFrame.EtherType(frame);
        if (frame.Length < EthernetFrame.MinimumSkbFrameLength(etherType))
        {
            return $"EINVAL: EtherType 0x{etherType:x4} needs a frame of at least {EthernetFrame.MinimumSkbFrameLength(etherType)} bytes";
        }
        var unsettable = NonZeroUnsettableFields(ctx).FirstOrDefault();
        if (unsettable is not null)
        {
            return $"EINVAL: ctx_in may not set {unsettable}";
        }
        if (ctx.Ifindex > 1 && !devices.OrEmpty().Any(d => d.Ifindex == ctx.Ifindex))
        {
            return $"ENODEV: no device with ifindex {ctx.Ifindex}";
        }
        var len = Len(kind, frame);
        if (ctx.WireLen != 0 && (ctx.WireLen < len || ctx.WireLen > MaxWireLen))
        {
            return $"EINVAL: wire_len {ctx.WireLen} is outside [len {len}, {MaxWireLen}]";
        }
        if (ctx.GsoSegs > MaxGsoSegs)
        {
            return $"EINVAL: gso_segs {ctx.GsoSegs} is above {MaxGsoSegs}";
        }
        return null;
    }

    private static string? XdpContextRefusal(XdpMd ctx, IReadOnlyList<TestRunDevice>? devices)
    {
        if (ctx.EgressIfindex != 0)
        {
            return "EINVAL: ctx_in may not set egress_ifindex";
        }
        if (ctx.IngressIfindex == 0)
        {
            return ctx.RxQueueIndex != 0 ? "EINVAL: rx_queue_index without ingress_ifindex" : null;
        }
        var device = devices.OrEmpty().Append(TestRunDevice.Loopback).FirstOrDefault(d => d.Ifindex == ctx.IngressIfindex);
        if (device is null)
        {
            return $"ENODEV: no device with ifindex {ctx.IngressIfindex}";
        }
        return ctx.RxQueueIndex >= device.RxQueues ? $"EINVAL: rx_queue_index {ctx.RxQueueIndex} but the device has {device.RxQueues} queues" : null;
    }

    /// <summary>The names of the fields of <paramref name="ctx"/> that are non-zero but may not be set in <c>ctx_in</c>.</summary>
    internal static IEnumerable<string> NonZeroUnsettableFields(SkBuff ctx) =>
        ContextFieldTable.SkBuff
            .Where(f => !SettableSkbFields.Contains(f.Property.Name))
            .Where(f => f.Property.GetValue(ctx) switch
            {
                uint[] array => array.Any(v => v != 0),
                var value => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
            })
            .Select(f => f.KernelName);

    private static uint Len(ProgramKind kind, ReadOnlySpan<byte> frame) =>
        (uint)(ProgramKindTable.Of(kind).PacketStart == PacketStart.Link ? frame.Length : frame.Length - EthernetFrame.HeaderLength);

    private static TestRunDevice Device(uint ifindex, IReadOnlyList<TestRunDevice>? devices) =>
        ifindex <= 1 ? TestRunDevice.Loopback
        : devices.OrEmpty().FirstOrDefault(d => d.Ifindex == ifindex)
            ?? throw new ArgumentException($"no device with ifindex {ifindex} in the model (the kernel says ENODEV)", nameof(devices));

    // The dummy socket's family and addresses, each address as the u32 words the program reads
    // (network-order bytes loaded little-endian).
    private static (uint Family, uint[] Local, uint[] Remote) Addresses(ReadOnlySpan<byte> frame)
    {
        var ip = frame[EthernetFrame.HeaderLength..];
        return EthernetFrame.EtherType(frame) switch
        {
            EthernetFrame.EtherTypeIPv4 => (AfInet, Words(ip.Slice(12, 4)), Words(ip.Slice(16, 4))),
            EthernetFrame.EtherTypeIPv6 => (AfInet6, Words(ip.Slice(8, 16)), Words(ip.Slice(24, 16))),
            _ => (AfUnspec, [0], [0]),
        };
    }

    private static uint[] Words(ReadOnlySpan<byte> bytes)
    {
        var words = new uint[bytes.Length / 4];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(4 * i)..]);
        }
        return words;
    }

    private static void RequireSkbKind(ProgramKind kind)
    {
        if (ProgramKindTable.Of(kind).TestRun != TestRunShape.Skb)
        {
            throw new ArgumentException($"{kind} has no skb test run in the model (sk_skb programs cannot be test-run)", nameof(kind));
        }
    }

    private static IEnumerable<TestRunDevice> OrEmpty(this IReadOnlyList<TestRunDevice>? devices) => devices ?? [];
}
