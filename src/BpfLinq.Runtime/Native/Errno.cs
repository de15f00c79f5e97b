namespace BpfLinq;

/// <summary>
/// The errno values the bpf() syscall and the socket calls the runtime makes can return. Values are
/// Linux's generic ones, identical on x86_64 and arm64; names are the C names (as Mono.Unix spells
/// them) so they match man pages and kernel sources.
/// </summary>
#pragma warning disable CA1707 // the C names (E2BIG) are the vocabulary readers search for
public enum Errno
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Operation not permitted: a capability is missing, or the object is read-only.</summary>
    EPERM = 1,
    /// <summary>No such element, object, or file.</summary>
    ENOENT = 2,
    /// <summary>Interrupted by a signal; the runtime retries.</summary>
    EINTR = 4,
    /// <summary>Argument (attribute, program, value) too large, or unknown non-zero attribute bytes.</summary>
    E2BIG = 7,
    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,
    /// <summary>Try again; the runtime retries a bounded number of times.</summary>
    EAGAIN = 11,
    /// <summary>Out of memory (or memlock/memcg limit).</summary>
    ENOMEM = 12,
    /// <summary>Permission denied; from a program load, the verifier rejected the program.</summary>
    EACCES = 13,
    /// <summary>Bad address.</summary>
    EFAULT = 14,
    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,
    /// <summary>Already exists.</summary>
    EEXIST = 17,
    /// <summary>No such device.</summary>
    ENODEV = 19,
    /// <summary>Not a directory.</summary>
    ENOTDIR = 20,
    /// <summary>Invalid argument.</summary>
    EINVAL = 22,
    /// <summary>No space left: a map is full, or a log or output buffer is too small.</summary>
    ENOSPC = 28,
    /// <summary>Result out of range.</summary>
    ERANGE = 34,
    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,
    /// <summary>Too many symbolic links, or a loop.</summary>
    ELOOP = 40,
    /// <summary>Operation not supported on this object.</summary>
    EOPNOTSUPP = 95,
    /// <summary>The kernel-internal "not supported" code that leaks to user space from some BPF paths.</summary>
    ENOTSUPP = 524,
}
#pragma warning restore CA1707
