namespace BpfLinq;

/// <summary>
/// The context an XDP program sees: a mirror of the kernel's <c>struct xdp_md</c> (packet data is
/// reached through <see cref="Packet"/> and its views, not through the raw <c>data</c>/<c>data_end</c>
/// fields).
/// </summary>
public sealed class XdpMd
{
    /// <summary><c>ingress_ifindex</c>: the interface the packet arrived on.</summary>
    public uint IngressIfindex { get; init; }

    /// <summary><c>rx_queue_index</c>: the receive queue.</summary>
    public uint RxQueueIndex { get; init; }

    /// <summary><c>egress_ifindex</c>: the interface of a devmap redirect (0 otherwise).</summary>
    public uint EgressIfindex { get; init; }

    /// <summary>
    /// The packet's data, <c>data</c> to <c>data_end</c>: raw reads and header views
    /// (<see cref="BpfLinq.Packet"/>), offset 0 being the Ethernet header. Not a field of
    /// <c>struct xdp_md</c>: in a lambda its reads compile to bounds-checked packet access. An empty
    /// packet unless set; <see cref="TestRunContext.ForXdp"/> fills it from the frame.
    /// </summary>
    public Packet Packet { get; init; }

    /// <summary>
    /// This context as the kernel's <c>struct xdp_md</c> bytes (little-endian): the <c>ctx_in</c> of a
    /// test run. <c>data</c> and <c>data_end</c> are zero (a test run's caller sets <c>data_end</c>
    /// to the frame's length); <see cref="Packet"/> is not part of them.
    /// </summary>
    public byte[] ToBytes() => Compiler.Frontend.ContextLayout.ToBytes(this);
}
