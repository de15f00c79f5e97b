using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A socket map (BPF_MAP_TYPE_SOCKMAP): user space stores sockets (by fd) under <see cref="uint"/>
/// keys and attaches sk_skb or sk_msg programs to it (the runtime's <c>SockMapAttachment</c>).
/// </summary>
public sealed class SockMap : MapDefinition
{
    /// <summary>Declares a socket map.</summary>
    /// <param name="maxEntries">The number of sockets it holds.</param>
    /// <param name="name">The kernel name.</param>
    public SockMap(int maxEntries, string? name = null)
        : base(MapType.SockMap, typeof(uint), typeof(uint), sizeof(uint), sizeof(uint), maxEntries, 0, name)
    {
    }

    /// <inheritdoc/>
    public override void ClearManaged()
    {
    }
}
