using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;
using BpfLinq.Runtime;

namespace BpfLinq.Runtime.Btf;

/// <summary>
/// A BTF blob loaded into the kernel with <c>BPF_BTF_LOAD</c>: what programs reference for
/// func_info/line_info (<see cref="ProgramLoadOptions.ProgBtf"/>) and maps for key/value types.
/// Disposing closes the fd; the kernel frees the BTF when nothing else holds it. Thread-safe: a load
/// using it and a <see cref="Dispose"/> on another thread never make the load use another object's fd.
/// </summary>
public sealed class BtfObject : IDisposable
{
    private readonly BpfFileDescriptor _fd;

    private BtfObject(BpfFileDescriptor fd) => _fd = fd;

    /// <summary>The BTF object's fd, for <c>btf_fd</c>/<c>prog_btf_fd</c> fields.</summary>
    public int Fd => _fd.Value;

    internal BpfFileDescriptor Handle => _fd;

    /// <summary>Holds the fd for one syscall (see <see cref="DescriptorLease"/>).</summary>
    /// <exception cref="ObjectDisposedException">The BTF object was disposed.</exception>
    internal DescriptorLease Borrow() => _fd.Borrow(this);

    /// <summary>
    /// Loads a raw BTF blob (header, type section, string section). When the kernel rejects it, the
    /// load is repeated with a log, and a <see cref="BpfVerifierException"/> carries the BTF
    /// checker's complaint (e.g. <c>[3] FUNC_PROTO ... Invalid type_id</c>).
    /// </summary>
    /// <param name="btf">The blob, as the BTF encoder produced it.</param>
    /// <param name="logSizeLimit">The cap on the log buffer, in bytes.</param>
    /// <exception cref="BpfVerifierException">The kernel's BTF checker rejected the blob.</exception>
    /// <exception cref="BpfException">Another kernel error (EPERM without CAP_BPF, E2BIG, ...).</exception>
    public static unsafe BtfObject Load(ReadOnlySpan<byte> btf, int logSizeLimit = ProgramLoadOptions.DefaultLogSizeLimit)
    {
        if (btf.IsEmpty)
        {
            throw new ArgumentException("a BTF blob has at least its 24-byte header", nameof(btf));
        }
        const string Operation = "load BTF";
        fixed (byte* blob = btf)
        {
            var attr = new BtfLoadAttr { Btf = (ulong)blob, BtfSize = (uint)btf.Length };
            var outcome = LoggedLoad.Run(BpfCommand.BtfLoad, ref attr, (uint)VerifierLogLevel.Basic, logSizeLimit);
            if (outcome.Fd is { } fd)
            {
                return new BtfObject(fd);
            }
            throw LoadFailure.Create(outcome, BpfCommand.BtfLoad, Operation, programType: null);
        }
    }

    /// <summary>Closes the fd.</summary>
    public void Dispose() => _fd.Dispose();
}
