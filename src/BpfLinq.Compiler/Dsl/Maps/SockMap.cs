using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A socket map (BPF_MAP_TYPE_SOCKMAP): user space stores sockets (by fd) under <see cref="uint"/>
/// keys and attaches sk_skb or sk_msg programs to it (the runtime's <c>SockMapAttachment</c>).
/// </summary>
public sealed class SockMap : MapDefinition
{
    private const long SkPass = 1;
    private const long SkDrop = 0;
    private readonly HashSet<uint> _occupied = [];

    /// <summary>Declares a socket map.</summary>
    /// <param name="maxEntries">The number of sockets it holds.</param>
    /// <param name="name">The kernel name.</param>
    public SockMap(int maxEntries, string? name = null)
        : base(MapType.SockMap, typeof(uint), typeof(uint), sizeof(uint), sizeof(uint), maxEntries, 0, name)
    {
    }

    /// <summary>
    /// Redirects the sk_skb program's data to the socket in slot <paramref name="key"/>
    /// (<c>bpf_sk_redirect_map</c>): to its receive queue with <paramref name="ingress"/>, else out of
    /// it. Returns the verdict to return: SK_PASS when the slot holds a socket, SK_DROP when it is empty.
    /// </summary>
    /// <param name="skb">The program's context.</param>
    /// <param name="key">The slot.</param>
    /// <param name="ingress">A constant: true for BPF_F_INGRESS.</param>
    public long Redirect(SkBuff skb, uint key, bool ingress = false)
    {
        ArgumentNullException.ThrowIfNull(skb);
        lock (_occupied)
        {
            return _occupied.Contains(key) ? SkPass : SkDrop;
        }
    }

    /// <summary>Tells the managed model that slot <paramref name="key"/> holds a socket (or not), as user space does to the kernel map.</summary>
    public void SetManagedSlot(uint key, bool occupied)
    {
        lock (_occupied)
        {
            if (occupied)
            {
                _occupied.Add(key);
            }
            else
            {
                _occupied.Remove(key);
            }
        }
    }

    /// <inheritdoc/>
    public override void ClearManaged()
    {
        lock (_occupied)
        {
            _occupied.Clear();
        }
    }
}
