namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// One field read through the views on one of the <see cref="TestFrames"/>: what it reads on the
/// whole frame and which bytes of the frame (<see cref="First"/>, <see cref="Width"/>) it needs; with
/// fewer, it reads 0. <see cref="ThroughLink"/> rows go through <see cref="Packet.Ethernet"/>, the
/// others through the network header (<see cref="Packet.Ipv4"/>, <see cref="Packet.Ipv6"/>).
/// </summary>
internal sealed record FieldRow(string Frame, string Field, Func<Packet, ulong> Read, ulong Expected, int First, int Width, bool ThroughLink)
{
    /// <summary>The row's name in test output.</summary>
    public string Name => $"{Frame}: {Field}";

    /// <summary>The frame's bytes.</summary>
    public byte[] Bytes => TestFrames.All[Frame];

    /// <summary>What the row reads on the frame cut to <paramref name="length"/> bytes: the value when its bytes fit, else 0.</summary>
    public ulong ExpectedAt(int length) => First + Width <= length ? Expected : 0;
}
