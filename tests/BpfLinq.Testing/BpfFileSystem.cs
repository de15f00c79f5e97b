using System.Runtime.InteropServices;

namespace BpfLinq.Testing;

/// <summary>
/// A private bpf filesystem for pinning tests: mounts <c>bpf</c> on a fresh temporary directory
/// and, on Dispose, unmounts it (lazily, so a leftover pin cannot keep it busy) and removes the
/// directory. Nothing is mounted at /sys/fs/bpf on the test machines, and tests must not share one.
/// </summary>
public sealed partial class BpfFileSystem : IDisposable
{
    private const int MntDetach = 2;

    private BpfFileSystem(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a new bpf filesystem (needs CAP_SYS_ADMIN).</summary>
    public static BpfFileSystem Mount()
    {
        string path = Directory.CreateTempSubdirectory("bpflinq-bpffs-").FullName;
        if (MountNative("bpf", path, "bpf", 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"mount -t bpf bpf {path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (needs CAP_SYS_ADMIN)");
        }
        return new BpfFileSystem(path);
    }

    /// <summary>A path inside the mount.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Unmounts and removes the mount point.</summary>
    public void Dispose()
    {
        if (Unmount(Path, MntDetach) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"umount {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        Directory.Delete(Path);
    }

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MountNative(string source, string target, string fileSystemType, ulong flags, nint data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Unmount(string target, int flags);
}
