using System.Net.Sockets;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime;

/// <summary>
/// A program the verifier accepted, owned through its fd. Attach it (socket filter, sockmap, link),
/// run it with <see cref="TestRun"/>, describe it with <see cref="GetInfo"/>. Disposing closes the
/// fd; attachments made through other fds (a socket, a link) keep the program alive in the kernel.
/// Thread-safe: test runs, attaches and <see cref="Dispose"/> may come from any threads at once; an
/// operation racing with <see cref="Dispose"/> either runs this program or throws
/// <see cref="ObjectDisposedException"/>, never another program that reused the fd's number.
/// </summary>
public sealed class BpfProgram : IDisposable
{
    private readonly BpfFileDescriptor _fd;

    internal BpfProgram(BpfFileDescriptor fd, ProgramType type, string? name)
    {
        _fd = fd;
        Type = type;
        Name = name;
    }

    /// <summary>The program type it was loaded as.</summary>
    public ProgramType Type { get; }

    /// <summary>The name it was loaded with, or null.</summary>
    public string? Name { get; }

    /// <summary>
    /// The program's fd (for attach calls and <c>prog_array</c> maps): a number another object may get
    /// once this program is disposed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The program was disposed.</exception>
    public int Fd => _fd.Value;

    internal BpfFileDescriptor Handle => _fd;

    /// <summary>Holds the fd for one syscall (see <see cref="DescriptorLease"/>).</summary>
    /// <exception cref="ObjectDisposedException">The program was disposed.</exception>
    internal DescriptorLease Borrow() => _fd.Borrow(this);

    /// <summary>
    /// Loads a program: first without a verifier log; when that fails, again with a log (grown on
    /// ENOSPC up to <see cref="ProgramLoadOptions.LogSizeLimit"/>) so the error can say why.
    /// </summary>
    /// <param name="options">What to load.</param>
    /// <exception cref="BpfVerifierException">The verifier rejected the program.</exception>
    /// <exception cref="BpfPermissionException">The process lacks the capability the program type needs.</exception>
    /// <exception cref="BpfException">Another kernel error.</exception>
    /// <exception cref="ArgumentException">The options are invalid (name, license, func_info without BTF).</exception>
    public static BpfProgram Load(ProgramLoadOptions options) => ProgramLoader.Load(options);

    /// <summary>Runs the program once or <see cref="TestRunOptions.Repeat"/> times with <c>BPF_PROG_TEST_RUN</c>.</summary>
    /// <param name="options">Input packet, context and repeat count.</param>
    /// <exception cref="BpfException">The kernel refused the run (e.g. EINVAL: this program type has no test run, or bad context).</exception>
    public TestRunResult TestRun(TestRunOptions options) => ProgramTestRun.Run(this, options);

    /// <summary>
    /// Attaches this socket filter program to <paramref name="socket"/> (<c>SO_ATTACH_BPF</c>); dispose
    /// the result to detach it. Same as <see cref="SocketFilter.Attach(Socket, BpfProgram)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">This is not a socket filter program.</exception>
    /// <exception cref="BpfException">The kernel refused (EBADF: the socket is closed).</exception>
    public SocketFilter AttachTo(Socket socket) => SocketFilter.Attach(socket, this);

    /// <summary>Reads the kernel's description of the program (<c>BPF_OBJ_GET_INFO_BY_FD</c>).</summary>
    public ProgramInfo GetInfo() => ProgramInfo.Read(_fd, this);

    /// <summary>
    /// The kernel maps of a program loaded from a compiled lambda: the set passed to <c>Load</c>, or
    /// the one <c>Load</c> created, which this program owns and disposes. Null for programs loaded
    /// from raw instructions.
    /// </summary>
    public BpfMaps? Maps { get; private set; }

    private bool OwnsMaps { get; set; }

    internal void UseMaps(BpfMaps maps, bool owned)
    {
        Maps = maps;
        OwnsMaps = owned;
    }

    /// <summary>Closes the program's fd (and the maps it owns).</summary>
    public void Dispose()
    {
        _fd.Dispose();
        if (OwnsMaps)
        {
            Maps?.Dispose();
        }
    }
}
