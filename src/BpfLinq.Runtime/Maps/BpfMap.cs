using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;
using BpfLinq.Runtime.Native.Info;

namespace BpfLinq.Runtime;

/// <summary>
/// A kernel map, owned through its fd: create or open one, read and write elements as byte spans or
/// unmanaged values, iterate, batch, freeze, pin. Disposing closes the fd; the map lives on while a
/// program, a pin or another fd holds it.
/// </summary>
/// <remarks>
/// Per-CPU maps (<see cref="MapType.PerCpuHash"/>, <see cref="MapType.PerCpuArray"/>,
/// <see cref="MapType.LruPerCpuHash"/>, per-CPU cgroup storage) exchange one 8-byte-aligned slot per
/// possible CPU with user space; every value span must be <see cref="ValueBufferSize"/> bytes.
/// <para>
/// Thread-safe: any number of threads may read, write, iterate and dispose one map at once (each
/// element operation is one syscall, atomic as the kernel makes it). Every syscall holds the fd
/// for its duration, so an operation racing with <see cref="Dispose"/> either completes on this map
/// or throws <see cref="ObjectDisposedException"/>; it never reaches another object that reused the
/// fd's number. <see cref="Fd"/> itself is only a number: valid while the map is not disposed.
/// </para>
/// </remarks>
public sealed partial class BpfMap : IDisposable
{
    private readonly BpfFileDescriptor _fd;

    private BpfMap(
        BpfFileDescriptor fd, MapType type, int keySize, int valueSize, int valueBufferSize, int maxEntries, MapFlags flags, string name)
    {
        _fd = fd;
        Type = type;
        KeySize = keySize;
        ValueSize = valueSize;
        MaxEntries = maxEntries;
        Flags = flags;
        Name = name;
        ValueBufferSize = valueBufferSize;
    }

    /// <summary>The map type.</summary>
    public MapType Type { get; }

    /// <summary>The key size in bytes.</summary>
    public int KeySize { get; }

    /// <summary>The value size the map was created with (per CPU for per-CPU maps).</summary>
    public int ValueSize { get; }

    /// <summary>
    /// The size of a value as user space reads and writes it: <see cref="ValueSize"/>, or for per-CPU
    /// maps <see cref="ValueSize"/> rounded up to 8, times the number of possible CPUs.
    /// </summary>
    public int ValueBufferSize { get; }

    /// <summary>The capacity.</summary>
    public int MaxEntries { get; }

    /// <summary>The creation flags.</summary>
    public MapFlags Flags { get; }

    /// <summary>The name, possibly empty.</summary>
    public string Name { get; }

    /// <summary>
    /// The map's fd, to patch into <c>ld_imm64</c> map loads (<c>BPF_PSEUDO_MAP_FD</c>) or <c>fd_array</c>:
    /// a number that another object may get once this map is disposed, so keep the map alive while
    /// it is used.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    public int Fd => _fd.Value;

    internal BpfFileDescriptor Handle => _fd;

    /// <summary>Holds the fd for one syscall (see <see cref="DescriptorLease"/>).</summary>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    internal DescriptorLease Borrow() => _fd.Borrow(this);

    private string Description => Name.Length > 0 ? $"map '{Name}'" : $"{Type} map";

    /// <summary>Creates a map.</summary>
    /// <param name="options">Type, sizes, flags, name, BTF.</param>
    /// <exception cref="ArgumentException">A size is negative or the name breaks the kernel's rules.</exception>
    /// <exception cref="BpfPermissionException">The process lacks CAP_BPF (CAP_NET_ADMIN for socket and device maps).</exception>
    /// <exception cref="BpfException">The kernel refused the map (EINVAL: sizes or flags this type does not accept, ...).</exception>
    public static unsafe BpfMap Create(MapCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.KeySize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ValueSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxEntries, nameof(options));
        ObjectName.Validate(options.Name, nameof(options));
        int valueBufferSize = ValueBufferSizeOf(options.Type, options.ValueSize); // before the fd exists: nothing to leak if it throws
        var flags = options.Flags | (options.NumaNode is null ? MapFlags.None : MapFlags.NumaNode);
        using var innerMap = BpfFileDescriptor.Borrow(options.InnerMap?.Handle, options.InnerMap);
        using var btf = BpfFileDescriptor.Borrow(options.Btf?.Handle, options.Btf);
        var attr = new MapCreateAttr
        {
            MapType = (uint)options.Type,
            KeySize = (uint)options.KeySize,
            ValueSize = (uint)options.ValueSize,
            MaxEntries = (uint)options.MaxEntries,
            MapFlags = (uint)flags,
            InnerMapFd = (uint)innerMap.Fd,
            NumaNode = (uint)(options.NumaNode ?? 0),
            BtfFd = (uint)btf.Fd,
            BtfKeyTypeId = options.BtfKeyTypeId,
            BtfValueTypeId = options.BtfValueTypeId,
            BtfVmlinuxValueTypeId = options.BtfVmlinuxValueTypeId,
            MapExtra = options.MapExtra,
        };
        ObjectName.CopyTo(options.Name, new Span<byte>(attr.MapName, 16));
        long fd = BpfSyscall.TryInvoke(BpfCommand.MapCreate, ref attr, out Errno errno);
        if (fd < 0)
        {
            string what = options.Name is null ? $"create {options.Type} map" : $"create {options.Type} map '{options.Name}'";
            throw BpfErrors.Create(errno, BpfCommand.MapCreate, what, mapType: options.Type);
        }
        return new BpfMap(
            BpfFileDescriptor.Adopt(fd), options.Type, options.KeySize, options.ValueSize, valueBufferSize, options.MaxEntries, flags,
            options.Name ?? "");
    }

    /// <summary>Opens a map pinned in a bpf filesystem (<c>BPF_OBJ_GET</c>).</summary>
    /// <param name="path">The pin path, e.g. <c>/sys/fs/bpf/counts</c>.</param>
    /// <exception cref="BpfException">No such pin (ENOENT), or the path is not in a bpf filesystem.</exception>
    /// <exception cref="InvalidOperationException">The pinned object is not a map.</exception>
    /// <exception cref="ArgumentException">The path is empty or contains a NUL character.</exception>
    public static unsafe BpfMap OpenPinned(string path)
    {
        byte[] pathBytes = PinPath.ToBytes(path, nameof(path));
        BpfFileDescriptor fd;
        fixed (byte* pathname = pathBytes)
        {
            var attr = new ObjPinAttr { Pathname = (ulong)pathname };
            fd = BpfSyscall.InvokeForFd(BpfCommand.ObjGet, ref attr, $"open pinned map '{path}'");
        }
        try
        {
            if (!ObjectKind.IsMap(fd))
            {
                throw new InvalidOperationException($"'{path}' is a pinned BPF object but not a map");
            }
            var info = ReadInfo(fd, fd);
            return new BpfMap(
                fd, info.Type, info.KeySize, info.ValueSize, ValueBufferSizeOf(info.Type, info.ValueSize), info.MaxEntries, info.Flags, info.Name);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Pins the map at a path in a bpf filesystem (<c>BPF_OBJ_PIN</c>), so it outlives this process.</summary>
    /// <param name="path">The path; its directory must be on a mounted bpf filesystem.</param>
    /// <exception cref="BpfException">EEXIST: the path is taken; EPERM/EACCES: not a bpffs or no permission.</exception>
    /// <exception cref="ArgumentException">The path is empty or contains a NUL character.</exception>
    public unsafe void Pin(string path)
    {
        byte[] pathBytes = PinPath.ToBytes(path, nameof(path));
        using var fd = Borrow();
        fixed (byte* pathname = pathBytes)
        {
            var attr = new ObjPinAttr { Pathname = (ulong)pathname, BpfFd = (uint)fd.Fd };
            BpfSyscall.Invoke(BpfCommand.ObjPin, ref attr, $"pin {Description} at '{path}'");
        }
    }

    /// <summary>
    /// Freezes the map (<c>BPF_MAP_FREEZE</c>): from now on user space cannot change it; programs
    /// still can unless it was created with <see cref="MapFlags.RdonlyProg"/>.
    /// </summary>
    public void Freeze()
    {
        using var fd = Borrow();
        var attr = new MapFreezeAttr { MapFd = (uint)fd.Fd };
        BpfSyscall.Invoke(BpfCommand.MapFreeze, ref attr, $"freeze {Description}");
    }

    /// <summary>Reads the kernel's description of the map (<c>BPF_OBJ_GET_INFO_BY_FD</c>).</summary>
    public MapInfo GetInfo() => ReadInfo(_fd, this);

    /// <summary>
    /// Closes the fd: at once, or when the last operation running on another thread returns. Safe to
    /// call from any thread, and more than once; later operations throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose() => _fd.Dispose();

    private static unsafe MapInfo ReadInfo(BpfFileDescriptor fd, object owner)
    {
        var info = default(BpfMapInfo);
        ObjectInfo.Get(fd, owner, ref info, "read map info");
        return new MapInfo(
            (MapType)info.Type, info.Id, (int)info.KeySize, (int)info.ValueSize, (int)info.MaxEntries, (MapFlags)info.MapFlags,
            ObjectName.Read(new ReadOnlySpan<byte>(info.Name, 16)), info.BtfId, info.BtfKeyTypeId, info.BtfValueTypeId, info.MapExtra);
    }

    private static int ValueBufferSizeOf(MapType type, int valueSize) =>
        IsPerCpu(type) ? ((valueSize + 7) & ~7) * PossibleCpus.Count : valueSize;

    private static bool IsPerCpu(MapType type) =>
        type is MapType.PerCpuHash or MapType.PerCpuArray or MapType.LruPerCpuHash or MapType.PerCpuCgroupStorage;

    private void CheckKey(ReadOnlySpan<byte> key, string parameterName)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"{Description} has {KeySize}-byte keys; this key has {key.Length} bytes", parameterName);
        }
    }

    private void CheckValue(int length, string parameterName)
    {
        if (length != ValueBufferSize)
        {
            string perCpu = ValueBufferSize != ValueSize
                ? $" ({ValueSize} rounded up to 8, times {PossibleCpus.Count} possible CPUs)"
                : "";
            throw new ArgumentException(
                $"{Description} takes {ValueBufferSize}-byte values{perCpu}; this value has {length} bytes", parameterName);
        }
    }
}
