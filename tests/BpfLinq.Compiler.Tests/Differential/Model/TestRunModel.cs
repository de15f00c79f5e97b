using System.Buffers.Binary;

namespace BpfLinq.Compiler.Tests.Differential.Model;

/// <summary>
/// Predicts the context a program sees during <c>BPF_PROG_TEST_RUN</c> on Linux 6.18, from the frame and
/// the <c>ctx_in</c> it is given — the managed model the CLR side of the differential tests evaluates
/// lambdas on. Learned from <c>net/bpf/test_run.c</c> (<c>bpf_prog_test_run_skb</c>,
/// <c>convert___skb_to_skb</c>, <c>bpf_prog_test_run_xdp</c>, <c>xdp_convert_md_to_buff</c>) and
/// <c>eth_type_trans()</c>, and checked field by field against the kernel by TestRunModelTests.
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
/// </summary>
internal static class TestRunModel
{
    private const int AfUnspec = 0, AfInet = 2, AfInet6 = 10;

    /// <summary><c>GSO_MAX_SEGS</c>: the largest <c>ctx_in.gso_segs</c>.</summary>
    public const uint MaxGsoSegs = 65535;

    /// <summary><c>GSO_LEGACY_MAX_SIZE</c>: the largest non-zero <c>ctx_in.wire_len</c>.</summary>
    public const uint MaxWireLen = 65536;

    /// <summary>The longest frame the generators produce (the kernel takes a little under a page).</summary>
    public const int MaxFrameLength = 1514;

    /// <summary>The fields of <c>struct __sk_buff</c> that <c>ctx_in</c> may set; any other non-zero byte is EINVAL.</summary>
    public static IReadOnlySet<string> SettableSkbFields { get; } = new HashSet<string>
    {
        nameof(SkBuff.Mark), nameof(SkBuff.Priority), nameof(SkBuff.IngressIfindex), nameof(SkBuff.Ifindex),
        nameof(SkBuff.Cb), nameof(SkBuff.Tstamp), nameof(SkBuff.WireLen), nameof(SkBuff.GsoSegs),
        nameof(SkBuff.GsoSize), nameof(SkBuff.Hwtstamp),
    };

    /// <summary>The context a program of <paramref name="kind"/> sees: an <see cref="SkBuff"/> or an <see cref="XdpMd"/>.</summary>
    public static object Predict(ProgramKind kind, TestRunInput input, IReadOnlyList<TestDevice>? devices = null) =>
        kind == ProgramKind.Xdp ? PredictXdp(input, devices) : PredictSkb(kind, input, devices);

    /// <summary>The socket buffer a socket filter, tc or cgroup_skb program sees.</summary>
    public static SkBuff PredictSkb(ProgramKind kind, TestRunInput input, IReadOnlyList<TestDevice>? devices = null)
    {
        RequireSkbKind(kind);
        var frame = input.Frame;
        var ctx = input.Skb;
        var device = Device(ctx.Ifindex, devices);
        var len = Len(kind, frame);
        var protocol = EthernetFrame.Protocol(frame);
        var (family, local, remote) = Addresses(frame);
        return new SkBuff
        {
            Len = len,
            PktType = EthernetFrame.PacketType(frame, device),
            Mark = ctx.Mark,
            Protocol = protocol,
            Priority = ctx.Priority,
            IngressIfindex = ctx.IngressIfindex,
            Ifindex = device.Ifindex,
            Cb = ctx.Cb,
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
        };
    }

    /// <summary>The XDP context an XDP program sees.</summary>
    public static XdpMd PredictXdp(TestRunInput input, IReadOnlyList<TestDevice>? devices = null) => new()
    {
        IngressIfindex = Device(input.Xdp.IngressIfindex, devices).Ifindex,
        RxQueueIndex = input.Xdp.RxQueueIndex,
        EgressIfindex = 0,
    };

    /// <summary>
    /// Why the kernel refuses to run a program of <paramref name="kind"/> on <paramref name="input"/>
    /// (the errno and the rule), or null when it runs it.
    /// </summary>
    public static string? Refusal(ProgramKind kind, TestRunInput input, IReadOnlyList<TestDevice>? devices = null)
    {
        var frame = input.Frame;
        if (frame.Length < EthernetFrame.HeaderLength)
        {
            return "EINVAL: a frame needs at least an Ethernet header (14 bytes)";
        }
        if (frame.Length > MaxFrameLength)
        {
            return $"outside the model: frames above {MaxFrameLength} bytes";
        }
        return kind == ProgramKind.Xdp ? XdpRefusal(input.Xdp, devices) : SkbRefusal(kind, input, devices);
    }

    private static string? SkbRefusal(ProgramKind kind, TestRunInput input, IReadOnlyList<TestDevice>? devices)
    {
        RequireSkbKind(kind);
        var frame = input.Frame;
        var ctx = input.Skb;
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

    private static string? XdpRefusal(XdpMd ctx, IReadOnlyList<TestDevice>? devices)
    {
        if (ctx.EgressIfindex != 0)
        {
            return "EINVAL: ctx_in may not set egress_ifindex";
        }
        if (ctx.IngressIfindex == 0)
        {
            return ctx.RxQueueIndex != 0 ? "EINVAL: rx_queue_index without ingress_ifindex" : null;
        }
        var device = devices.OrEmpty().Append(TestDevice.Loopback).FirstOrDefault(d => d.Ifindex == ctx.IngressIfindex);
        if (device is null)
        {
            return $"ENODEV: no device with ifindex {ctx.IngressIfindex}";
        }
        return ctx.RxQueueIndex >= device.RxQueues ? $"EINVAL: rx_queue_index {ctx.RxQueueIndex} but the device has {device.RxQueues} queues" : null;
    }

    /// <summary>The names of the fields of <paramref name="ctx"/> that are non-zero but may not be set in <c>ctx_in</c>.</summary>
    public static IEnumerable<string> NonZeroUnsettableFields(SkBuff ctx) =>
        global::BpfLinq.Compiler.Frontend.ContextFieldTable.SkBuff
            .Where(f => !SettableSkbFields.Contains(f.Property.Name))
            .Where(f => f.Property.GetValue(ctx) switch
            {
                uint[] array => array.Any(v => v != 0),
                var value => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
            })
            .Select(f => f.KernelName);

    private static uint Len(ProgramKind kind, byte[] frame) =>
        (uint)(kind == ProgramKind.Tc ? frame.Length : frame.Length - EthernetFrame.HeaderLength);

    private static TestDevice Device(uint ifindex, IReadOnlyList<TestDevice>? devices) =>
        ifindex <= 1 ? TestDevice.Loopback
        : devices.OrEmpty().FirstOrDefault(d => d.Ifindex == ifindex)
            ?? throw new ArgumentException($"no device with ifindex {ifindex} in the model (the kernel says ENODEV)", nameof(devices));

    // The dummy socket's family and addresses, each address as the u32 words the program reads
    // (network-order bytes loaded little-endian).
    private static (uint Family, uint[] Local, uint[] Remote) Addresses(byte[] frame)
    {
        var ip = frame.AsSpan(EthernetFrame.HeaderLength);
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
        if (kind is not (ProgramKind.SocketFilter or ProgramKind.Tc or ProgramKind.CgroupSkb))
        {
            throw new ArgumentException($"{kind} has no skb test run in the model (sk_skb programs cannot be test-run)", nameof(kind));
        }
    }

    private static IEnumerable<TestDevice> OrEmpty(this IReadOnlyList<TestDevice>? devices) => devices ?? [];
}
