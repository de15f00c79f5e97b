namespace BpfLinq;

/// <summary>
/// A view of a TCP header (<see cref="Ipv4.Tcp"/> at the IPv4 header length, <see cref="Ipv6.Tcp"/> at
/// byte 40). Offsets below are from the header's first byte; each field reads 0 when any of its bytes
/// lies beyond the end of the packet, so a flag of a header cut off before byte 13 is false.
/// </summary>
public readonly struct Tcp
{
    private readonly Packet _packet;
    private readonly int _anchor;

    internal Tcp(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = anchor;
    }

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

    /// <summary>The header length in bytes, <see cref="DataOffset"/> · 4 (options included; not validated).</summary>
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
