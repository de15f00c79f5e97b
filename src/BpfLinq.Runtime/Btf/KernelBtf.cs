using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Btf;

// Cost model. vmlinux BTF is ~5.5 MB and ~127k types on Linux 6.18. Reading it takes ~10 ms,
// BtfDecoder's validation pass ~80 ms, and the decoder's name index (built on the first name
// lookup) ~40 ms, the kfunc index ~20 ms more (~130 ms to the first resolved kfunc in a fresh
// process); after that a lookup is a dictionary probe. So the file is read and decoded once
// per KernelBtf, on first use, and the BtfSpec is kept: every later lookup, from any thread, hits
// the same index. Construction does no I/O, so KernelBtf.Running costs nothing until a program
// actually needs a kernel type or a kfunc.
//
// Failures are not cached: a reader that lost a race with a module load, or ran before sysfs was
// mounted, tries again on the next call instead of remembering the error forever.

/// <summary>
/// The running kernel's BTF, as <c>/sys/kernel/btf</c> exposes it: <c>vmlinux</c> (the base) and one
/// split BTF file per loaded module that has BTF. Each file is read and decoded with
/// <see cref="BtfDecoder"/> once, on first use, and kept; all members are safe to call from several
/// threads. Kfuncs are resolved by name through <see cref="Kfuncs"/>.
/// </summary>
/// <remarks>
/// The ids in a <see cref="BtfSpec"/> read here are the ids the kernel uses for as long as it runs
/// (vmlinux BTF never changes). A module's BTF is kept as first read: if the module is unloaded and
/// loaded again, its ids may change, so create a new <see cref="KernelBtf"/> to see them.
/// </remarks>
public sealed class KernelBtf
{
    /// <summary>Where the kernel exposes its BTF (needs sysfs and <c>CONFIG_DEBUG_INFO_BTF=y</c>).</summary>
    public const string DefaultDirectory = "/sys/kernel/btf";

    private const string VmlinuxName = "vmlinux";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, KfuncResolver> _modules = new(StringComparer.Ordinal);
    private BtfSpec? _vmlinux;
    private KfuncResolver? _kfuncs;

    /// <summary>Reads BTF from <paramref name="directory"/> instead of <see cref="DefaultDirectory"/>, e.g. a copy of another machine's.</summary>
    /// <param name="directory">A directory holding a <c>vmlinux</c> file and optionally module files.</param>
    /// <remarks>No file is read until a member needs it.</remarks>
    public KernelBtf(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The running kernel's BTF, shared by the whole process. Reads nothing until first used.</summary>
    public static KernelBtf Running { get; } = new(DefaultDirectory);

    /// <summary>The directory the BTF files are read from.</summary>
    public string Directory { get; }

    /// <summary>The path of the base BTF file, <c>&lt;directory&gt;/vmlinux</c>.</summary>
    public string VmlinuxPath => Path.Combine(Directory, VmlinuxName);

    /// <summary>
    /// The kernel's own types and functions (vmlinux), read and decoded on first access. Name
    /// lookups (<see cref="BtfSpec.TryFindFunc"/>, <see cref="BtfSpec.TryFindType{T}"/>) build one index
    /// on first use and are dictionary probes afterwards.
    /// </summary>
    /// <exception cref="BpfException">
    /// The file is missing (a kernel built without <c>CONFIG_DEBUG_INFO_BTF</c>), unreadable, or not valid BTF.
    /// </exception>
    public BtfSpec Vmlinux
    {
        get
        {
            if (Volatile.Read(ref _vmlinux) is { } spec)
            {
                return spec;
            }
            lock (_gate)
            {
                return _vmlinux ??= KernelBtfFile.Read(VmlinuxPath, baseSpec: null, module: null);
            }
        }
    }

    /// <summary>
    /// The kfuncs vmlinux provides, by name: what <c>BPF_PSEUDO_KFUNC_CALL</c> instructions refer to
    /// (with <c>off = 0</c>, the vmlinux BTF). Created on first access; reading vmlinux happens then.
    /// </summary>
    /// <exception cref="BpfException">vmlinux BTF cannot be read (see <see cref="Vmlinux"/>).</exception>
    public KfuncResolver Kfuncs
    {
        get
        {
            if (Volatile.Read(ref _kfuncs) is { } resolver)
            {
                return resolver;
            }
            var vmlinux = Vmlinux;
            lock (_gate)
            {
                return _kfuncs ??= new KfuncResolver(vmlinux, DescribeKernel(), module: null);
            }
        }
    }

    /// <summary>
    /// A loaded module's BTF (<c>&lt;directory&gt;/&lt;module&gt;</c>), decoded as split BTF on top of
    /// <see cref="Vmlinux"/>: its ids continue after vmlinux's, and lookups in it also find vmlinux's types.
    /// Read on the first request for that module and kept.
    /// </summary>
    /// <param name="module">The module's name as <c>lsmod</c> prints it, e.g. <c>nf_conntrack</c>.</param>
    /// <exception cref="ArgumentException">The name is empty, contains '/', or is <c>vmlinux</c>.</exception>
    /// <exception cref="BpfException">The module is not loaded, has no BTF, or its BTF is unreadable.</exception>
    public BtfSpec GetModule(string module) => GetModuleKfuncs(module).Spec;

    /// <summary>
    /// The kfuncs a loaded module provides, by name (a call to one needs the module's BTF object fd in
    /// <c>fd_array</c>). Lookups also find vmlinux's kfuncs; <see cref="Kfunc.Module"/> tells them apart.
    /// Reads the module's BTF on the first request for that module (see <see cref="GetModule"/>).
    /// </summary>
    /// <param name="module">The module's name.</param>
    /// <exception cref="ArgumentException">The name is empty, contains '/', or is <c>vmlinux</c>.</exception>
    /// <exception cref="BpfException">The module is not loaded, has no BTF, or its BTF is unreadable.</exception>
    public KfuncResolver GetModuleKfuncs(string module)
    {
        ArgumentException.ThrowIfNullOrEmpty(module);
        if (module.Contains('/', StringComparison.Ordinal) || module is "." or ".." or VmlinuxName)
        {
            throw new ArgumentException($"'{module}' is not a module name (vmlinux is the base: use {nameof(Vmlinux)})", nameof(module));
        }
        var vmlinux = Vmlinux;
        lock (_gate)
        {
            if (!_modules.TryGetValue(module, out var resolver))
            {
                var spec = KernelBtfFile.Read(Path.Combine(Directory, module), vmlinux, module);
                resolver = new KfuncResolver(spec, $"module '{module}' of {DescribeKernel()}", module);
                _modules.Add(module, resolver);
            }
            return resolver;
        }
    }

    /// <summary>E.g. <c>/sys/kernel/btf</c>.</summary>
    public override string ToString() => Directory;

    private string DescribeKernel() =>
        Directory == DefaultDirectory && KernelBtfFile.RunningRelease() is { } release
            ? $"the running kernel (Linux {release})"
            : $"the kernel whose BTF is in {Directory}";
}
