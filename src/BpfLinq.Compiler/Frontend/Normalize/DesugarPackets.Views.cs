using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend.Normalize;

// Where each view is, and what each field reads: the protocols' layouts, as one table per view.
internal sealed partial class DesugarPackets
{
    private static readonly System.Reflection.MethodInfo s_read = Primitive(nameof(PacketPrimitives.Read));
    private static readonly System.Reflection.MethodInfo s_read64 = Primitive(nameof(PacketPrimitives.Read64));
    private static readonly System.Reflection.MethodInfo s_swap16 = Primitive(nameof(PacketPrimitives.Swap16));
    private static readonly System.Reflection.MethodInfo s_swap32 = Primitive(nameof(PacketPrimitives.Swap32));
    private static readonly System.Reflection.MethodInfo s_swap64 = Primitive(nameof(PacketPrimitives.Swap64));
    private static readonly System.Reflection.PropertyInfo s_skbLen = typeof(SkBuff).GetProperty(nameof(SkBuff.Len))!;

    private static System.Reflection.MethodInfo Primitive(string name) => typeof(PacketPrimitives).GetMethod(name)!;

    private bool StartsAtLink => ProgramKindTable.Of(Context.Kind).PacketStart == PacketStart.Link;

    private View SubView(View v, Expression node)
    {
        var name = node is MemberExpression m ? m.Member.Name : ((MethodCallExpression)node).Method.Name;
        return (v.Type.Name, name) switch
        {
            (nameof(Packet), nameof(Packet.Ethernet)) => Present(Header(node, typeof(Ethernet), PacketAnchor.Link, 0)),
            (nameof(Packet), nameof(Packet.Ipv4)) => Present(Header(node, typeof(Ipv4), PacketAnchor.Network, 14)),
            (nameof(Packet), nameof(Packet.Ipv6)) => Present(Header(node, typeof(Ipv6), PacketAnchor.Network, 14)),
            (nameof(Ethernet), nameof(Ethernet.Ipv4)) => Present(v with { Type = typeof(Ipv4), Offset = Plus(v.Offset, 14) }),
            (nameof(Ethernet), nameof(Ethernet.Ipv6)) => Present(v with { Type = typeof(Ipv6), Offset = Plus(v.Offset, 14) }),
            (nameof(Ethernet), nameof(Ethernet.Vlans)) => Vlans(v, (MethodCallExpression)node),
            (nameof(VlanTags), nameof(VlanTags.Ipv4)) => Present(v with { Type = typeof(Ipv4), Offset = Plus(AfterTags(v), 14), Count = null }),
            (nameof(VlanTags), nameof(VlanTags.Ipv6)) => Present(v with { Type = typeof(Ipv6), Offset = Plus(AfterTags(v), 14), Count = null }),
            (nameof(VlanTags), nameof(VlanTags.Tag)) => Tag(v, (MethodCallExpression)node),
            (nameof(Ipv4), nameof(Ipv4.Tcp)) => Transport(v, typeof(Tcp), After(v.Offset, Ipv4HeaderLength(v))),
            (nameof(Ipv4), nameof(Ipv4.Udp)) => Transport(v, typeof(Udp), After(v.Offset, Ipv4HeaderLength(v))),
            (nameof(Ipv4), nameof(Ipv4.Icmp)) => Transport(v, typeof(Icmp), After(v.Offset, Ipv4HeaderLength(v))),
            (nameof(Ipv6), nameof(Ipv6.Tcp)) => Transport(v, typeof(Tcp), Plus(v.Offset, 40)),
            (nameof(Ipv6), nameof(Ipv6.Udp)) => Transport(v, typeof(Udp), Plus(v.Offset, 40)),
            (nameof(Ipv6), nameof(Ipv6.Icmpv6)) => Transport(v, typeof(Icmp), Plus(v.Offset, 40)),
            _ => throw Context.Error(node, CompileErrors.UnsupportedMember(node is MemberExpression mm ? mm.Member : ((MethodCallExpression)node).Method)),
        };
    }

    // Packet.Ethernet / Ipv4 / Ipv6: at the data for tc and XDP, at the kernel's headers for the others.
    private View Header(Expression node, Type type, PacketAnchor anchor, int linkOffset)
    {
        if (ProgramKindTable.Of(Context.Kind).PacketStart == PacketStart.Payload)
        {
            throw Context.Error(node, CompileErrors.PacketHeaderNotVisible(type, Context.Kind));
        }
        return StartsAtLink
            ? new View(type, PacketAnchor.Data, Expression.Constant(linkOffset))
            : new View(type, anchor, Expression.Constant(0));
    }

    // Header-granular views: a view's guard says the whole header is in the packet (see Packet's
    // remarks). Lengths before variable-length ends are tested in the order an expert writes them:
    // the fixed part, the length field's minimum, then the declared end, so each test reads only
    // bytes the previous one proved present.
    private static View Present(View v) => v with
    {
        Guard = v.Type == typeof(Ethernet) ? Has(v, 0, 14)
            : v.Type == typeof(Ipv6) ? Has(v, 0, 40)
            : Expression.AndAlso(Ipv4Fixed(v), HasEnd(v, After(v.Offset, Ipv4HeaderLength(v)))),
    };

    // The IPv4 header's fixed 20 bytes and IHL >= 5: enough for a header after it, whose own
    // presence proves the IHL-declared length.
    private static BinaryExpression Ipv4Fixed(View ip) =>
        Expression.AndAlso(Has(ip, 0, 20), Expression.GreaterThanOrEqual(Expression.And(Raw(ip, 0, 1), Expression.Constant(0xfu)), Expression.Constant(5u)));

    // A transport header after an IP header: present when the IP header is (IPv6: implied by the
    // transport's bytes after its 40) and the transport header is whole.
    private static View Transport(View ip, Type type, Expression offset)
    {
        var view = ip with { Type = type, Offset = offset };
        Expression whole = type == typeof(Tcp)
            ? Expression.AndAlso(Has(view, 0, 20), Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.RightShift(Raw(view, 12, 1), Expression.Constant(4)), Expression.Constant(5u)),
                HasEnd(view, After(view.Offset, TcpHeaderLength(view)))))
            : Has(view, 0, 8);
        return view with { Guard = ip.Type == typeof(Ipv4) ? Expression.AndAlso(Ipv4Fixed(ip), whole) : whole, Outer = ip, OwnGuard = whole };
    }

    // The bytes up to `end` are in the packet: the byte before it is.
    private static MethodCallExpression HasEnd(View v, Expression end) => Has(v with { Offset = end }, -1, 1);

    private View Vlans(View ethernet, MethodCallExpression node)
    {
        var max = ConstantInt(node.Arguments[0], node);
        if (max is < 1 or > 8)
        {
            throw Context.Error(node, CompileErrors.PacketArgumentOutOfRange(node.Arguments[0], "between 1 and 8"));
        }
        var count = Expression.Call(typeof(PacketPrimitives).GetMethod(nameof(PacketPrimitives.VlanTags))!,
            Expression.Constant(ethernet.Anchor), ethernet.Offset, Expression.Constant(max));
        return ethernet with { Type = typeof(VlanTags), Count = count };
    }

    // The Ethernet offset moved past the skipped tags (so +12 is the inner EtherType, +14 the network header).
    private static BinaryExpression AfterTags(View tags) => Expression.Add(tags.Offset, Expression.LeftShift(tags.Count!, Expression.Constant(2)));

    private View Tag(View tags, MethodCallExpression node)
    {
        var index = ConstantInt(node.Arguments[0], node);
        if (index is < 0 or > 7)
        {
            throw Context.Error(node, CompileErrors.PacketArgumentOutOfRange(node.Arguments[0], "between 0 and 7"));
        }
        // The tag's TCI is 14 + 4 index bytes into the frame; it exists when index < Count.
        return new View(typeof(VlanTag), tags.Anchor, Plus(tags.Offset, 14 + (4 * index)),
            Guard: Expression.GreaterThan(tags.Count!, Expression.Constant(index)));
    }

    private static UnaryExpression TcpHeaderLength(View tcp) =>
        Expression.Convert(Expression.LeftShift(Expression.RightShift(Raw(tcp, 12, 1), Expression.Constant(4)), Expression.Constant(2)), typeof(int));

    private static UnaryExpression Ipv4HeaderLength(View ip) =>
        Expression.Convert(Expression.LeftShift(Expression.And(Raw(ip, 0, 1), Expression.Constant(0xfu)), Expression.Constant(2)), typeof(int));

    // offset + length with a constant part of the offset kept outermost ((x + 14) + l becomes
    // (x + l) + 14), so the reads after it share the base x + l and fold 14 into their displacements.
    private static BinaryExpression After(Expression offset, Expression length) =>
        offset is BinaryExpression { NodeType: ExpressionType.Add, Right: ConstantExpression c } sum
            ? Expression.Add(Expression.Add(sum.Left, length), c)
            : Expression.Add(offset, length);

    private static Expression Plus(Expression offset, int n) =>
        offset is ConstantExpression { Value: int c } ? Expression.Constant(c + n) : Expression.Add(offset, Expression.Constant(n));

    // A field: the read, converted to the property's type, 0 (false) when the view's guard fails.
    // IsPresent is the guard itself; a tag count is 0 without the header already.
    private Expression Field(View v, MemberExpression node)
    {
        if (node.Member.Name == nameof(Ipv4.IsPresent))
        {
            return v.Guard is null ? Expression.Constant(true) : Presence(v, node);
        }
        var value = FieldValue(v, node);
        var typed = value.Type == node.Type ? value : Expression.Convert(value, node.Type);
        if (v.Guard is null || node.Member.Name == nameof(VlanTags.Count))
        {
            return typed;
        }
        return InHeaderParse ? ParsedField(v, node, typed) : Expression.Condition(v.Guard, typed, Expression.Default(node.Type));
    }

    private Expression FieldValue(View v, MemberExpression node) => (v.Type.Name, node.Member.Name) switch
    {
        (nameof(Packet), nameof(Packet.Length)) => PacketLength(),
        (nameof(Ethernet), nameof(Ethernet.Destination)) => Mac(v, 0),
        (nameof(Ethernet), nameof(Ethernet.Source)) => Mac(v, 6),
        (nameof(Ethernet), nameof(Ethernet.Type)) => Be16(v, 12),
        (nameof(VlanTags), nameof(VlanTags.Count)) => v.Count!,
        (nameof(VlanTags), nameof(VlanTags.Type)) => Be16(v with { Offset = AfterTags(v) }, 12),
        (nameof(VlanTag), nameof(VlanTag.Tci)) => Be16(v, 0),
        (nameof(VlanTag), nameof(VlanTag.Id)) => Expression.And(Be16(v, 0), Expression.Constant(0xfffu)),
        // Every part of a tag comes from its u16 TCI, which reads 0 when either byte is cut off.
        (nameof(VlanTag), nameof(VlanTag.Priority)) => Expression.RightShift(Be16(v, 0), Expression.Constant(13)),
        (nameof(VlanTag), nameof(VlanTag.DropEligible)) => Expression.NotEqual(Expression.And(Be16(v, 0), Expression.Constant(0x1000u)), Expression.Constant(0u)),
        (nameof(Ipv4), nameof(Ipv4.Version)) => Expression.RightShift(Raw(v, 0, 1), Expression.Constant(4)),
        (nameof(Ipv4), nameof(Ipv4.Ihl)) => Expression.And(Raw(v, 0, 1), Expression.Constant(0xfu)),
        (nameof(Ipv4), nameof(Ipv4.HeaderLength)) => Ipv4HeaderLength(v),
        (nameof(Ipv4), nameof(Ipv4.Tos)) => Raw(v, 1, 1),
        (nameof(Ipv4), nameof(Ipv4.Dscp)) => Expression.RightShift(Raw(v, 1, 1), Expression.Constant(2)),
        (nameof(Ipv4), nameof(Ipv4.Ecn)) => Expression.And(Raw(v, 1, 1), Expression.Constant(3u)),
        (nameof(Ipv4), nameof(Ipv4.TotalLength)) => Be16(v, 2),
        (nameof(Ipv4), nameof(Ipv4.Id)) => Be16(v, 4),
        // The flags and the fragment offset share the u16 at 6: all read 0 when either byte is cut off.
        (nameof(Ipv4), nameof(Ipv4.Flags)) => Expression.RightShift(Be16(v, 6), Expression.Constant(13)),
        (nameof(Ipv4), nameof(Ipv4.DontFragment)) => Expression.NotEqual(Expression.And(Be16(v, 6), Expression.Constant(0x4000u)), Expression.Constant(0u)),
        (nameof(Ipv4), nameof(Ipv4.MoreFragments)) => Expression.NotEqual(Expression.And(Be16(v, 6), Expression.Constant(0x2000u)), Expression.Constant(0u)),
        (nameof(Ipv4), nameof(Ipv4.FragmentOffset)) => Expression.And(Be16(v, 6), Expression.Constant(0x1fffu)),
        (nameof(Ipv4), nameof(Ipv4.IsFragment)) => Expression.NotEqual(Expression.And(Be16(v, 6), Expression.Constant(0x3fffu)), Expression.Constant(0u)),
        (nameof(Ipv4), nameof(Ipv4.Ttl)) => Raw(v, 8, 1),
        (nameof(Ipv4), nameof(Ipv4.Protocol)) => Raw(v, 9, 1),
        (nameof(Ipv4), nameof(Ipv4.Checksum)) => Be16(v, 10),
        (nameof(Ipv4), nameof(Ipv4.Source)) => Be32(v, 12),
        (nameof(Ipv4), nameof(Ipv4.Destination)) => Be32(v, 16),
        (nameof(Ipv6), nameof(Ipv6.Version)) => Expression.RightShift(Raw(v, 0, 1), Expression.Constant(4)),
        (nameof(Ipv6), nameof(Ipv6.TrafficClass)) => Expression.And(Expression.RightShift(Be16(v, 0), Expression.Constant(4)), Expression.Constant(0xffu)),
        (nameof(Ipv6), nameof(Ipv6.FlowLabel)) => Expression.And(Be32(v, 0), Expression.Constant(0xfffffu)),
        (nameof(Ipv6), nameof(Ipv6.PayloadLength)) => Be16(v, 4),
        (nameof(Ipv6), nameof(Ipv6.NextHeader)) => Raw(v, 6, 1),
        (nameof(Ipv6), nameof(Ipv6.HopLimit)) => Raw(v, 7, 1),
        (nameof(Tcp), nameof(Tcp.SourcePort)) or (nameof(Udp), nameof(Udp.SourcePort)) => Be16(v, 0),
        (nameof(Tcp), nameof(Tcp.DestinationPort)) or (nameof(Udp), nameof(Udp.DestinationPort)) => Be16(v, 2),
        (nameof(Tcp), nameof(Tcp.Sequence)) => Be32(v, 4),
        (nameof(Tcp), nameof(Tcp.Acknowledgment)) => Be32(v, 8),
        (nameof(Tcp), nameof(Tcp.DataOffset)) => Expression.RightShift(Raw(v, 12, 1), Expression.Constant(4)),
        (nameof(Tcp), nameof(Tcp.HeaderLength)) => TcpHeaderLength(v),
        (nameof(Tcp), nameof(Tcp.Flags)) => Raw(v, 13, 1),
        (nameof(Tcp), nameof(Tcp.Fin)) => Bit(v, 13, 0x01),
        (nameof(Tcp), nameof(Tcp.Syn)) => Bit(v, 13, 0x02),
        (nameof(Tcp), nameof(Tcp.Rst)) => Bit(v, 13, 0x04),
        (nameof(Tcp), nameof(Tcp.Psh)) => Bit(v, 13, 0x08),
        (nameof(Tcp), nameof(Tcp.Ack)) => Bit(v, 13, 0x10),
        (nameof(Tcp), nameof(Tcp.Urg)) => Bit(v, 13, 0x20),
        (nameof(Tcp), nameof(Tcp.Window)) => Be16(v, 14),
        (nameof(Udp), nameof(Udp.Length)) => Be16(v, 4),
        (nameof(Udp), nameof(Udp.Checksum)) => Be16(v, 6),
        (nameof(Icmp), nameof(Icmp.Type)) => Raw(v, 0, 1),
        (nameof(Icmp), nameof(Icmp.Code)) => Raw(v, 1, 1),
        (nameof(Icmp), nameof(Icmp.Checksum)) => Be16(v, 2),
        _ => throw Context.Error(node, CompileErrors.UnsupportedMember(node.Member)),
    };

    // skb->len for the socket-buffer kinds, bpf_xdp_get_buff_len for XDP.
    private Expression PacketLength() => ProgramKindTable.Of(Context.Kind).PacketLength == Compilation.PacketLength.XdpBuffLen
        ? Expression.Call(typeof(PacketPrimitives).GetMethod(nameof(PacketPrimitives.XdpLength))!)
        : Expression.Convert(Expression.Property(_context, s_skbLen), typeof(int));

    private static MethodCallExpression Raw(View v, int displacement, int size) =>
        Expression.Call(s_read, Expression.Constant(v.Anchor), v.Offset, Expression.Constant(displacement), Expression.Constant(size));

    private static MethodCallExpression Raw64(View v, int displacement) =>
        Expression.Call(s_read64, Expression.Constant(v.Anchor), v.Offset, Expression.Constant(displacement));

    private static MethodCallExpression Be16(View v, int displacement) => Expression.Call(s_swap16, Raw(v, displacement, 2));

    private static MethodCallExpression Be32(View v, int displacement) => Expression.Call(s_swap32, Raw(v, displacement, 4));

    private static MethodCallExpression Be64(View v, int displacement) => Expression.Call(s_swap64, Raw64(v, displacement));

    private static BinaryExpression Bit(View v, int displacement, uint mask) =>
        Expression.NotEqual(Expression.And(Raw(v, displacement, 1), Expression.Constant(mask)), Expression.Constant(0u));

    // A 48-bit MAC as a big-endian number: the first four bytes, then two.
    private static BinaryExpression Mac(View v, int displacement) =>
        Expression.Or(
            Expression.LeftShift(Expression.Convert(Be32(v, displacement), typeof(ulong)), Expression.Constant(16)),
            Expression.Convert(Be16(v, displacement + 4), typeof(ulong)));
}
