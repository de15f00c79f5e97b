namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// One field read through the views on one of the <see cref="TestFrames"/>: what it reads on the
/// whole frame and how many bytes of the frame (<see cref="End"/>) its header and the headers before
/// it need to be whole; with fewer, it reads 0 (views are header-granular). <see cref="Cut"/>, when
/// given, says what it reads on a frame cut to n bytes instead (VLAN tags are counted as they fit). <see cref="ThroughLink"/> rows go through <see cref="Packet.Ethernet"/>, the
/// others through the network header (<see cref="Packet.Ipv4"/>, <see cref="Packet.Ipv6"/>).
/// </summary>
internal sealed record FieldRow(string Frame, string Field, Func<Packet, ulong> Read, ulong Expected, int End, bool ThroughLink, Func<int, ulong>? Cut = null)
{
    /// <summary>The row's name in test output.</summary>
    public string Name => $"{Frame}: {Field}";

    /// <summary>The frame's bytes.</summary>
    public byte[] Bytes => TestFrames.All[Frame];

    /// <summary>What the row reads on the frame cut to <paramref name="length"/> bytes: the value when its headers are whole, else 0.</summary>
    public ulong ExpectedAt(int length) => Cut?.Invoke(length) ?? (length >= End ? Expected : 0);
}
