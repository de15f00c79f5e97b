namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Where the offset of a <see cref="Op.PacketLoad"/> counts from. For tc and XDP every anchor is
/// the start of the data (the front end adds 14 for the network header); for the socket-buffer
/// kinds that start at the network header, the link and network anchors are the kernel's MAC and
/// network headers (<c>bpf_skb_load_bytes_relative</c>).
/// </summary>
internal enum PacketAnchor : byte
{
    /// <summary>Offset 0 of the program's packet view (<c>skb->data</c>, <c>xdp->data</c>).</summary>
    Data,
    /// <summary>The link-layer (Ethernet) header.</summary>
    Link,
    /// <summary>The network (IP) header.</summary>
    Network,
}

/// <summary>Text names of <see cref="PacketAnchor"/> (<c>data</c>, <c>link</c>, <c>net</c>), which the parser reads back.</summary>
internal static class PacketAnchors
{
    /// <summary>The printed name.</summary>
    public static string Name(this PacketAnchor anchor) => anchor switch
    {
        PacketAnchor.Data => "data",
        PacketAnchor.Link => "link",
        _ => "net",
    };

    /// <summary>The anchor named <paramref name="name"/>, or null.</summary>
    public static PacketAnchor? Parse(string name) => name switch
    {
        "data" => PacketAnchor.Data,
        "link" => PacketAnchor.Link,
        "net" => PacketAnchor.Network,
        _ => null,
    };
}
