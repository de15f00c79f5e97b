using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// Turns an errno from a kernel call into the exception users see: what was being done, the errno
/// by name and text, and one sentence saying what to do. The one factory for runtime error
/// wording, so messages stay consistent and testable.
/// </summary>
internal static class BpfErrors
{
    /// <summary>Builds the exception for a failed call.</summary>
    /// <param name="errno">The errno.</param>
    /// <param name="command">The bpf command, or null for other calls (setsockopt, fcntl).</param>
    /// <param name="operation">What the runtime was doing, e.g. <c>create map 'counts'</c>.</param>
    /// <param name="programType">The program type involved, which decides the capability EPERM names.</param>
    /// <param name="mapType">The map type involved, likewise.</param>
    internal static BpfException Create(
        Errno errno, BpfCommand? command, string operation, ProgramType? programType = null, MapType? mapType = null)
    {
        if (errno == Errno.EPERM && RequiredCapability.For(command, programType, mapType) is { } capability)
        {
            return new BpfPermissionException(
                Describe(errno, command, operation) + $" The process lacks {capability}: run as root, or grant it "
                    + $"(e.g. `setcap {capability.ToLowerInvariant()}+ep` on the executable, or the container's "
                    + "capability list); CAP_SYS_ADMIN also works.",
                command, operation, capability);
        }
        return new BpfException(Describe(errno, command, operation) + " " + Advice(errno, command), errno, command, operation);
    }

    /// <summary>The exception for a failed libc call (mmap, epoll) from its errno.</summary>
    internal static BpfException FromLastError(string operation) =>
        Create((Errno)Marshal.GetLastPInvokeError(), null, operation);

    /// <summary>"operation: BPF_MAP_CREATE failed with EINVAL (Invalid argument)."</summary>
    internal static string Describe(Errno errno, BpfCommand? command, string operation)
    {
        string call = command is { } c ? CommandName(c) : "the call";
        return $"{operation}: {call} failed with {ErrnoName(errno)} ({Marshal.GetPInvokeErrorMessage((int)errno)}).";
    }

    /// <summary>The kernel's name for a command: <c>BPF_MAP_CREATE</c>.</summary>
    internal static string CommandName(BpfCommand command) =>
        "BPF_" + string.Concat(command.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + ch : char.ToUpperInvariant(ch).ToString()));

    private static string ErrnoName(Errno errno) =>
        Enum.IsDefined(errno) ? errno.ToString() : "errno " + (int)errno;

    private static string Advice(Errno errno, BpfCommand? command) => errno switch
    {
        Errno.EPERM when command is BpfCommand.MapUpdateElem or BpfCommand.MapDeleteElem or BpfCommand.MapUpdateBatch
            or BpfCommand.MapDeleteBatch or BpfCommand.MapFreeze =>
            "The map is frozen or was created read-only for user space (MapFlags.Rdonly); write to it before freezing, or from a program.",
        Errno.EACCES or Errno.EINVAL when command is BpfCommand.ProgLoad =>
            "The verifier rejected the program; load it with ProgramLoadOptions.LogLevel set to see the verifier's reason.",
        Errno.EPERM or Errno.EACCES =>
            "Access was refused: check the bpffs path's permissions, the map's Rdonly/Wronly flags, and that the program type may use this attach point.",
        Errno.E2BIG =>
            "Something is too big: the map is full (a hash map holds MaxEntries elements: delete some or create it larger), "
            + "a program over 1,000,000 instructions, a key or value over the map type's limit, "
            + "or attribute fields this kernel does not know (a feature newer than the running kernel).",
        Errno.EBADF =>
            "A file descriptor passed to the kernel is closed or not the expected kind of object (map, program, BTF, socket); check that nothing was disposed early.",
        Errno.ENOENT =>
            "No such element or object: a missing key, a pin path that does not exist, or a target the kernel does not have.",
        Errno.EEXIST =>
            "It already exists: the key (with MapUpdateFlags.NoExist), the pin path, or an attachment at this target.",
        Errno.ENOSPC =>
            "No room: the map is full (raise MaxEntries or delete elements), or an output buffer was too small.",
        Errno.ENOMEM =>
            "The kernel is out of memory or the cgroup's memory limit is reached: lower MaxEntries or value sizes.",
        Errno.EBUSY =>
            "The target is busy: another program is already attached there; detach it first.",
        Errno.EOPNOTSUPP or Errno.ENOTSUPP =>
            "This map, program or attach type does not support the operation on this kernel.",
        Errno.EINVAL =>
            "The kernel rejected an argument: check the type, key/value sizes, flags and attach type against what this kernel supports.",
        Errno.EFAULT =>
            "The kernel could not read or write a buffer the runtime passed; this is a BpfLinq bug, please report it.",
        _ => "See the errno's meaning for this command in bpf(2).",
    };
}
