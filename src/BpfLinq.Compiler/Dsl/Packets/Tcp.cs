namespace BpfLinq;

/// <summary>
/// A view of a TCP header (<see cref="Ipv4.Tcp"/> at the IPv4 header length, <see cref="Ipv6.Tcp"/> at
/// byte 40). Offsets below are from the header's first byte. Header-granular: every field reads 0 (every
/// flag false) unless the IP header before it is present and the whole TCP header is in the packet
/// (<see cref="IsPresent"/>: data offset &gt;= 5 and the data-offset length, options included).
/// </summary>
public readonly struct Tcp
{
    private readonly Packet _packet;
    private readonly int _anchor;

    internal Tcp(Packet packet, int anchor)
    {
        _packet = packet;
        var offset = packet.Whole(anchor, 20) < 0 ? 0 : (int)(packet.Read(anchor, 12, 1) >> 4);
        _anchor = offset >= 5 ? packet.Whole(anchor, offset * 4) : -1;
    }

    /// <summary>True when the IP header before it is present and the whole TCP header is: 20 bytes, data offset &gt;= 5, and the data-offset length.</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>The source port, the big-endian u16 at 0.</summary>
    public ushort SourcePort => (ushort)_packet.Read(_anchor, 0, 2);

    /// <summary>The destination port, the big-endian u16 at 2.</summary>
    public ushort DestinationPort => (ushort)_packet.Read(_anchor, 2, 2);

    /// <summary>The sequence number, the big-endian u32 at 4.</summary>
    public uint Sequence => (uint)_packet.Read(_anchor, 4, 4);

    /// <summary>The acknowledgment number, the big-endian u32 at 8.</summary>
    public uint Acknowledgment => (uint)_packet.Read(_anchor, 8, 4);

    /// <summary>The header length in 32-bit words, byte 12 &gt;&gt; 4.</summary>
    public byte DataOffset => (byte)(_packet.Read(_anchor, 12, 1) >> 4);

    /// <summary>The header length in bytes, <see cref="DataOffset"/> · 4 (options included): 20 to 60 when present, 0 when not.</summary>
    public int HeaderLength => DataOffset * 4;

    /// <summary>The flags, byte 13: CWR ECE URG ACK PSH RST SYN FIN from the high bit down.</summary>
    public byte Flags => (byte)_packet.Read(_anchor, 13, 1);

    /// <summary>FIN: bit 0x01 of <see cref="Flags"/>.</summary>
    public bool Fin => (Flags & 0x01) != 0;

    /// <summary>SYN: bit 0x02 of <see cref="Flags"/>.</summary>
    public bool Syn => (Flags & 0x02) != 0;

    /// <summary>RST: bit 0x04 of <see cref="Flags"/>.</summary>
    public bool Rst => (Flags & 0x04) != 0;

    /// <summary>PSH: bit 0x08 of <see cref="Flags"/>.</summary>
    public bool Psh => (Flags & 0x08) != 0;

    /// <summary>ACK: bit 0x10 of <see cref="Flags"/>.</summary>
    public bool Ack => (Flags & 0x10) != 0;

    /// <summary>URG: bit 0x20 of <see cref="Flags"/>.</summary>
    public bool Urg => (Flags & 0x20) != 0;

    /// <summary>The receive window, the big-endian u16 at 14.</summary>
    public ushort Window => (ushort)_packet.Read(_anchor, 14, 2);
}
