using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace BpfLinq;

/// <summary>
/// The packet a program sees (<see cref="SkBuff.Packet"/>, <see cref="XdpMd.Packet"/>): raw reads at
/// offsets and the header views built on them. In a lambda each read compiles to the cheapest access
/// the program kind allows; outside the kernel this value <em>is</em> the semantics the kernel build
/// is tested against.
/// </summary>
/// <remarks>
/// <para>
/// <b>Reads.</b> A read returns the value at its offset, or <b>0 when any of its bytes lies beyond the
/// end of the packet</b> or its offset is negative. Integers are big-endian (network order) unless the
/// method says <c>LittleEndian</c>. Offsets are <see cref="int"/> and may be any expression.
/// </para>
/// <para>
/// <b>Header views are header-granular.</b> A view's fields read 0 (false) unless the <em>whole</em>
/// header is in the packet: Ethernet 14 bytes, each VLAN tag 4, IPv4 its IHL-declared length with
/// IHL &gt;= 5, IPv6 40, TCP its data-offset length (&gt;= 20), UDP 8, ICMP 8; a header after an absent
/// one is absent too. Each view's <c>IsPresent</c> says whether it is there. A truncated or malformed
/// header is absent, as tcpdump and the kernel's own parsers treat it, so a filter written from the
/// views never matches one (<c>Ipv4.Protocol == IpProtocol.Tcp</c> is false on a 24-byte frame). The
/// views check lengths, not protocols: test the EtherType or <c>Protocol</c> before trusting them.
/// </para>
/// <para>
/// <b>Where offset 0 is</b> (<see cref="Start"/>):
/// <list type="table">
/// <listheader><term>Program kind</term><description>Offset 0 and the views</description></listheader>
/// <item><term>tc, XDP (<see cref="PacketStart.Link"/>)</term><description>The Ethernet header
/// (<c>skb-&gt;data</c>, <c>xdp-&gt;data</c>). <see cref="Ethernet"/> is at offset 0,
/// <see cref="Ipv4"/>/<see cref="Ipv6"/> at offset 14 (VLAN tags are not skipped: use
/// <c>Ethernet.Vlans(n).Ipv4</c>). <see cref="Length"/> is <c>skb-&gt;len</c> or
/// <c>data_end - data</c>.</description></item>
/// <item><term>socket filter, cgroup_skb (<see cref="PacketStart.Network"/>)</term><description><c>skb-&gt;data</c>:
/// the IP header under <c>BPF_PROG_TEST_RUN</c> and for cgroup_skb (ingress and egress). On a real
/// socket it is wherever that socket's protocol keeps the data (the IP header for packet and raw IP
/// sockets, the transport payload for some others). <see cref="Ipv4"/>/<see cref="Ipv6"/> are at the
/// kernel's network header, <see cref="Ethernet"/> at its MAC header (before offset 0, so raw reads
/// never reach it; a packet without one reads 0 there). <see cref="Length"/> is <c>skb-&gt;len</c>:
/// the frame's length less 14 under a test run.</description></item>
/// <item><term>sk_skb (<see cref="PacketStart.Payload"/>)</term><description>The stream data. There are
/// no headers: the header views are a compile error there and read 0 here.</description></item>
/// </list>
/// </para>
/// <para>
/// A <see cref="Packet"/> is a small immutable value: the bytes, where offset 0 is in them, and where
/// the link and network headers are (or that there are none). <c>default(Packet)</c> is an empty packet:
/// <see cref="Length"/> 0, every read 0.
/// </para>
/// </remarks>
public readonly struct Packet
{
    private const int EthernetHeaderLength = 14;
    private const int MaxPatternLength = 64;

    private readonly byte[]? _bytes;
    private readonly int _origin;
    private readonly int _link;
    private readonly int _network;

    /// <summary>A packet of <paramref name="data"/> (copied), offset 0 being its first byte.</summary>
    /// <param name="data">The bytes from offset 0 to the end.</param>
    /// <param name="start">
    /// <see cref="PacketStart.Link"/>: <paramref name="data"/> starts with the Ethernet header, the network
    /// header is at 14. <see cref="PacketStart.Network"/>: no link header (<see cref="Ethernet"/> reads 0),
    /// the network header at offset 0. <see cref="PacketStart.Payload"/>: no headers at all.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is not a <see cref="PacketStart"/>.</exception>
    public Packet(byte[] data, PacketStart start = PacketStart.Link)
    {
        ArgumentNullException.ThrowIfNull(data);
        (_link, _network) = start switch
        {
            PacketStart.Link => (0, EthernetHeaderLength),
            PacketStart.Network => (-1, 0),
            PacketStart.Payload => (-1, -1),
            _ => throw new ArgumentOutOfRangeException(nameof(start), start, "not a PacketStart"),
        };
        _bytes = [.. data];
        _origin = 0;
        Start = start;
    }

    private Packet(byte[] bytes, PacketStart start, int origin, int link, int network)
    {
        _bytes = bytes;
        Start = start;
        _origin = origin;
        _link = link;
        _network = network;
    }

    /// <summary>
    /// The packet a program that starts at <paramref name="start"/> sees of a whole Ethernet frame (copied).
    /// <see cref="PacketStart.Link"/>: offset 0 is <c>frame[0]</c>, as <c>new Packet(frame)</c>.
    /// <see cref="PacketStart.Network"/>: offset 0 is <c>frame[14]</c> (the kernel pulled the Ethernet
    /// header), <see cref="Ethernet"/> is <c>frame[0..14]</c>, the network header <c>frame[14]</c>:
    /// what a socket filter or cgroup_skb sees in a test run on <paramref name="frame"/>.
    /// </summary>
    /// <param name="frame">The frame, from its Ethernet header.</param>
    /// <param name="start"><see cref="PacketStart.Link"/> or <see cref="PacketStart.Network"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="start"/> is <see cref="PacketStart.Payload"/> (sk_skb sees stream data, not frames:
    /// use <c>new Packet(data, PacketStart.Payload)</c>), or it is <see cref="PacketStart.Network"/> and the
    /// frame is shorter than an Ethernet header.
    /// </exception>
    public static Packet FromFrame(byte[] frame, PacketStart start)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return start switch
        {
            PacketStart.Link => new Packet(frame, PacketStart.Link),
            PacketStart.Network when frame.Length < EthernetHeaderLength =>
                throw new ArgumentException($"a frame needs at least an Ethernet header ({EthernetHeaderLength} bytes), got {frame.Length}", nameof(frame)),
            PacketStart.Network => new Packet([.. frame], PacketStart.Network, EthernetHeaderLength, 0, EthernetHeaderLength),
            PacketStart.Payload => throw new ArgumentException("sk_skb programs see stream data, not frames: use new Packet(data, PacketStart.Payload)", nameof(start)),
            _ => throw new ArgumentOutOfRangeException(nameof(start), start, "not a PacketStart"),
        };
    }

    /// <summary>Where offset 0 is: the program kind's start (see the table on <see cref="Packet"/>).</summary>
    public PacketStart Start { get; }

    /// <summary>The bytes from offset 0 to the end: <c>skb-&gt;len</c>, or <c>data_end - data</c> for XDP.</summary>
    public int Length => Bytes.Length - _origin;

    /// <summary>A copy of the packet's bytes from offset 0 (after what <see cref="Bpf.StoreBytes"/> and the checksum helpers wrote in <c>Evaluate</c>).</summary>
    public byte[] ToArray() => Bytes.AsSpan(_origin).ToArray();

    /// <summary>The byte at <paramref name="offset"/>, or 0 when it lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset from offset 0.</param>
    public byte U8(int offset) => (byte)Read(_origin, offset, 1);

    /// <summary>The big-endian u16 at <paramref name="offset"/>..+1, or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (most significant) byte.</param>
    public ushort U16(int offset) => (ushort)Read(_origin, offset, 2);

    /// <summary>The big-endian u32 at <paramref name="offset"/>..+3, or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (most significant) byte.</param>
    public uint U32(int offset) => (uint)Read(_origin, offset, 4);

    /// <summary>The big-endian u64 at <paramref name="offset"/>..+7, or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (most significant) byte.</param>
    public ulong U64(int offset) => Read(_origin, offset, 8);

    /// <summary>The little-endian u16 at <paramref name="offset"/>..+1 (<see cref="U16"/> byte-reversed), or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (least significant) byte.</param>
    public ushort U16LittleEndian(int offset) => BinaryPrimitives.ReverseEndianness(U16(offset));

    /// <summary>The little-endian u32 at <paramref name="offset"/>..+3 (<see cref="U32"/> byte-reversed), or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (least significant) byte.</param>
    public uint U32LittleEndian(int offset) => BinaryPrimitives.ReverseEndianness(U32(offset));

    /// <summary>The little-endian u64 at <paramref name="offset"/>..+7 (<see cref="U64"/> byte-reversed), or 0 when a byte lies beyond the end or the offset is negative.</summary>
    /// <param name="offset">The offset of the first (least significant) byte.</param>
    public ulong U64LittleEndian(int offset) => BinaryPrimitives.ReverseEndianness(U64(offset));

    /// <summary>
    /// True when the bytes at <paramref name="offset"/> are the characters of <paramref name="ascii"/>
    /// (each char as one byte); false when any of them lies beyond the end or the offset is negative.
    /// In a lambda the string must be a constant or a captured value.
    /// </summary>
    /// <param name="offset">The offset of the first byte.</param>
    /// <param name="ascii">1 to 64 ASCII characters, e.g. <c>"GET "</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ascii"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ascii"/> is empty, longer than 64 characters or not ASCII (the compiler rejects the same).</exception>
    public bool StartsWith(int offset, string ascii)
    {
        RequirePattern(ascii);
        if (!TrySlice(_origin, offset, ascii.Length, out var bytes))
        {
            return false;
        }
        for (var i = 0; i < ascii.Length; i++)
        {
            if (bytes[i] != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when the bytes at <paramref name="offset"/> equal <paramref name="bytes"/> byte for byte;
    /// false when any of them lies beyond the end or the offset is negative. In a lambda the array must
    /// be captured (its contents when the filter is built are what the program compares with).
    /// </summary>
    /// <param name="offset">The offset of the first byte.</param>
    /// <param name="bytes">1 to 64 bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty or longer than 64 bytes (the compiler rejects the same).</exception>
    public bool Matches(int offset, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length is 0 or > MaxPatternLength)
        {
            throw new ArgumentException($"a byte pattern holds 1 to {MaxPatternLength} bytes, got {bytes.Length}", nameof(bytes));
        }
        return TrySlice(_origin, offset, bytes.Length, out var actual) && actual.SequenceEqual(bytes);
    }

    /// <summary>
    /// The Ethernet header: at offset 0 for <see cref="PacketStart.Link"/> packets, at the kernel's MAC
    /// header (before offset 0) for <see cref="PacketStart.Network"/> ones; absent (every field 0) when
    /// the packet has none or it is shorter than 14 bytes.
    /// </summary>
    public Ethernet Ethernet => new(this, _link);

    /// <summary>
    /// The IPv4 header at the network header: offset 14 for <see cref="PacketStart.Link"/> packets
    /// (whatever the EtherType says, VLAN tags not skipped), offset 0 for <see cref="PacketStart.Network"/>
    /// ones; absent (every field 0) for <see cref="PacketStart.Payload"/> and when the header is not whole
    /// (see <see cref="Ipv4.IsPresent"/>). Check the version or EtherType before trusting it.
    /// </summary>
    public Ipv4 Ipv4 => new(this, _network);

    /// <summary>The IPv6 header at the network header (placed as <see cref="Ipv4"/>).</summary>
    public Ipv6 Ipv6 => new(this, _network);

    private byte[] Bytes => _bytes ?? [];

    /// <summary>The start, the length and the bytes from offset 0 in hex (and the Ethernet header when it lies before offset 0).</summary>
    public override string ToString()
    {
        var text = $"{Start} packet [{Length}] {Convert.ToHexString(Bytes, _origin, Length)}";
        return _link >= 0 && _link < _origin
            ? text + string.Create(CultureInfo.InvariantCulture, $" (Ethernet header before offset 0: {Convert.ToHexString(Bytes, _link, _origin - _link)})")
            : text;
    }

    /// <summary>The anchor of a header <paramref name="length"/> bytes after <paramref name="anchor"/>: absent stays absent.</summary>
    internal static int After(int anchor, int length) => anchor < 0 ? -1 : anchor + length;

    /// <summary><paramref name="anchor"/> when the <paramref name="length"/> bytes from it are all in the packet, else -1 (absent): a header view's presence.</summary>
    internal int Whole(int anchor, int length) => TrySlice(anchor, 0, length, out _) ? anchor : -1;

    /// <summary>
    /// The big-endian value of <paramref name="width"/> (1, 2, 4, 6 or 8) bytes at
    /// <paramref name="displacement"/> from <paramref name="anchor"/> (an index into the bytes, negative
    /// when the header is absent), or 0 when the anchor is absent, the displacement negative or a byte
    /// lies beyond the end.
    /// </summary>
    internal ulong Read(int anchor, int displacement, int width)
    {
        if (!TrySlice(anchor, displacement, width, out var bytes))
        {
            return 0;
        }
        return width switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            6 => ((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]),
            8 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "reads are 1, 2, 4, 6 or 8 bytes"),
        };
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/> (from offset 0) as a writable span, when they are all in the packet.</summary>
    internal bool TryWritable(int offset, int length, out Span<byte> bytes)
    {
        if (!TrySlice(_origin, offset, length, out _))
        {
            bytes = default;
            return false;
        }
        bytes = Bytes.AsSpan(_origin + offset, length);
        return true;
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/> (from offset 0), when they are all in the packet.</summary>
    internal bool TrySlice(int offset, int length, out ReadOnlySpan<byte> bytes) => TrySlice(_origin, offset, length, out bytes);

    /// <summary>The <paramref name="length"/> bytes at <paramref name="displacement"/> from <paramref name="anchor"/>, when they are all in the packet.</summary>
    internal bool TrySlice(int anchor, int displacement, int length, out ReadOnlySpan<byte> bytes)
    {
        var all = Bytes;
        // anchor <= all.Length always, so the right-hand side cannot overflow.
        if (anchor < 0 || displacement < 0 || displacement > all.Length - anchor - length)
        {
            bytes = default;
            return false;
        }
        bytes = all.AsSpan(anchor + displacement, length);
        return true;
    }

    private static void RequirePattern(string ascii)
    {
        ArgumentNullException.ThrowIfNull(ascii);
        if (ascii.Length is 0 or > MaxPatternLength)
        {
            throw new ArgumentException($"a string pattern holds 1 to {MaxPatternLength} characters, got {ascii.Length}", nameof(ascii));
        }
        if (!Ascii.IsValid(ascii))
        {
            throw new ArgumentException($"a string pattern is ASCII only (one byte per character): \"{ascii}\"", nameof(ascii));
        }
    }
}
