using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime;

/// <summary>
/// An sk_skb (stream parser, stream verdict, verdict) or sk_msg program attached to a sockmap or
/// sockhash with <c>BPF_PROG_ATTACH</c>; it then runs for the sockets in the map. Disposing
/// detaches it with <c>BPF_PROG_DETACH</c>. The attachment keeps the map's and the program's fds
/// open until then, so they may be disposed in any order.
/// </summary>
public sealed class SockMapAttachment : IDisposable
{
    private readonly BpfMap _map;
    private readonly BpfProgram _program;
    private int _attached;

    private SockMapAttachment(BpfMap map, BpfProgram program, AttachType attachType)
    {
        _map = map;
        _program = program;
        AttachType = attachType;
        _attached = 1;
    }

    /// <summary>Where the program is attached (stream verdict, stream parser, ...).</summary>
    public AttachType AttachType { get; }

    /// <summary>Attaches a program to a sockmap or sockhash.</summary>
    /// <param name="map">A <see cref="MapType.SockMap"/> or <see cref="MapType.SockHash"/>.</param>
    /// <param name="program">An <see cref="ProgramType.SkSkb"/> or <see cref="ProgramType.SkMsg"/> program.</param>
    /// <param name="attachType">E.g. <see cref="AttachType.SkSkbStreamVerdict"/>.</param>
    /// <exception cref="BpfException">EBUSY: a program is already attached there; EINVAL: wrong program or attach type.</exception>
    public static SockMapAttachment Attach(BpfMap map, BpfProgram program, AttachType attachType)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(program);
        bool mapAdded = false;
        bool programAdded = false;
        try
        {
            map.Handle.DangerousAddRef(ref mapAdded);
            program.Handle.DangerousAddRef(ref programAdded);
            Run(BpfCommand.ProgAttach, map, program, attachType, $"attach program '{program.Name}' to {map.Type} '{map.Name}' as {attachType}");
            return new SockMapAttachment(map, program, attachType);
        }
        catch
        {
            if (mapAdded)
            {
                map.Handle.DangerousRelease();
            }
            if (programAdded)
            {
                program.Handle.DangerousRelease();
            }
            throw;
        }
    }

    /// <summary>Detaches the program now (does nothing when already detached; safe from any thread).</summary>
    /// <exception cref="BpfException">The kernel refused the detach.</exception>
    public void Detach()
    {
        // Exactly one caller detaches: a second release of the map's and program's handles would
        // close their fds under the objects that still own them.
        if (Interlocked.Exchange(ref _attached, 0) == 0)
        {
            return;
        }
        try
        {
            Run(BpfCommand.ProgDetach, _map, _program, AttachType, $"detach program '{_program.Name}' from {_map.Type} '{_map.Name}'");
        }
        finally
        {
            _map.Handle.DangerousRelease();
            _program.Handle.DangerousRelease();
        }
    }

    /// <summary>Detaches the program; ENOENT (already detached by someone else) is not an error here.</summary>
    public void Dispose()
    {
        try
        {
            Detach();
        }
        catch (BpfException e) when (e.Errno == Errno.ENOENT)
        {
            // Nothing attached any more: the state Dispose promises.
        }
    }

    private static void Run(BpfCommand command, BpfMap map, BpfProgram program, AttachType attachType, string operation)
    {
        // Handle.DangerousGetHandle, not Fd: after Dispose of the map or program the attachment's
        // reference keeps the fd number valid, while Fd would refuse a disposed handle.
        var attr = new ProgAttachAttr
        {
            TargetFd = (uint)map.Handle.DangerousGetHandle(),
            AttachBpfFd = (uint)program.Handle.DangerousGetHandle(),
            AttachType = (uint)attachType,
        };
        if (BpfSyscall.TryInvoke(command, ref attr, out Errno errno) < 0)
        {
            throw BpfErrors.Create(errno, command, operation, program.Type);
        }
    }
}
