using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;
using BpfLinq.Runtime.Native.Info;

namespace BpfLinq.Runtime;

/// <summary>
/// An attachment made with <c>BPF_LINK_CREATE</c> (XDP on an interface, sk_skb on a sockmap,
/// tcx, netkit, cgroup ...). The link fd is the attachment: disposing it detaches the program
/// (unless the link was pinned or its fd shared). Links cannot be stolen by another loader the way
/// legacy attachments can. Thread-safe: <see cref="GetInfo"/> racing with <see cref="Dispose"/>
/// reads this link or throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfFileDescriptor _fd;

    private BpfLink(BpfFileDescriptor fd, AttachType attachType)
    {
        _fd = fd;
        AttachType = attachType;
    }

    /// <summary>The attach type the link was created with.</summary>
    public AttachType AttachType { get; }

    /// <summary>The link's fd.</summary>
    public int Fd => _fd.Value;

    /// <summary>Creates a link.</summary>
    /// <param name="program">The program to attach.</param>
    /// <param name="target">The target: an interface index (XDP, tcx, netkit) or an fd (map, cgroup).</param>
    /// <param name="attachType">The attach type (must match the program's type, e.g. <see cref="AttachType.Xdp"/>).</param>
    /// <param name="flags">Attach-type flags (for XDP: 2 = generic/skb mode, 4 = driver mode; 0 lets the kernel choose).</param>
    /// <exception cref="BpfException">EBUSY: something is attached already; EINVAL: program and attach type do not match; ENODEV: no such interface.</exception>
    public static BpfLink Create(BpfProgram program, int target, AttachType attachType, uint flags = 0)
    {
        ArgumentNullException.ThrowIfNull(program);
        using var programFd = program.Borrow();
        var attr = new LinkCreateAttr
        {
            ProgFd = (uint)programFd.Fd,
            TargetFd = (uint)target,
            AttachType = (uint)attachType,
            Flags = flags,
        };
        long fd = BpfSyscall.TryInvoke(BpfCommand.LinkCreate, ref attr, out Errno errno);
        if (fd < 0)
        {
            throw BpfErrors.Create(errno, BpfCommand.LinkCreate, $"link program '{program.Name}' to target {target} as {attachType}", program.Type);
        }
        return new BpfLink(BpfFileDescriptor.Adopt(fd), attachType);
    }

    /// <summary>Creates a link from a program to a map (sockmap/sockhash verdict or parser programs, Linux 6.10+).</summary>
    public static BpfLink Create(BpfProgram program, BpfMap map, AttachType attachType)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var mapFd = map.Borrow();
        return Create(program, mapFd.Fd, attachType);
    }

    /// <summary>Reads the kernel's description of the link (<c>BPF_OBJ_GET_INFO_BY_FD</c>).</summary>
    public LinkInfo GetInfo()
    {
        var info = default(BpfLinkInfo);
        ObjectInfo.Get(_fd, this, ref info, "read link info");
        var type = (LinkType)info.Type;
        return new LinkInfo(
            type, info.Id, info.ProgId,
            Ifindex: type == LinkType.Xdp ? info.Target0 : 0,
            MapId: type == LinkType.SockMap ? info.Target0 : 0);
    }

    /// <summary>Closes the link fd, which detaches the program.</summary>
    public void Dispose() => _fd.Dispose();
}
