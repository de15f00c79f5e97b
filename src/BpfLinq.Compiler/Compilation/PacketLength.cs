namespace BpfLinq.Compiler.Compilation;

/// <summary>Where a program kind's <c>Packet.Length</c> comes from.</summary>
internal enum PacketLength
{
    /// <summary><c>skb-&gt;len</c>.</summary>
    SkbLen,
    /// <summary><c>bpf_xdp_get_buff_len</c> (XDP frames may have fragments beyond <c>data_end</c>).</summary>
    XdpBuffLen,
}
