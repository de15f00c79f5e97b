using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Btf;

/// <summary>
/// Reads one file of <c>/sys/kernel/btf</c> and decodes it, turning every way that can fail into a
/// <see cref="BpfException"/> that says what is missing and why (the compiler's decoder does no I/O,
/// so the runtime owns this).
/// </summary>
internal static class KernelBtfFile
{
    private const string ReleasePath = "/proc/sys/kernel/osrelease";

    /// <summary>Reads and decodes <paramref name="path"/>: base BTF when <paramref name="baseSpec"/> is null, else split BTF on it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="baseSpec">vmlinux, for a module's file.</param>
    /// <param name="module">The module's name, for messages; null for vmlinux.</param>
    public static BtfSpec Read(string path, BtfSpec? baseSpec, string? module)
    {
        var operation = module is null ? "read kernel BTF" : $"read BTF of kernel module '{module}'";
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BpfException($"{operation}: {path} does not exist: {Missing(module)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BpfException($"{operation}: cannot read {path}: {e.Message}", e);
        }
        try
        {
            return BtfDecoder.Decode(bytes, baseSpec);
        }
        catch (BtfFormatException e)
        {
            throw new BpfException(
                $"{operation}: {path} is not BTF this runtime can decode ({e.Message}); if the kernel is newer than Linux 6.18, its BTF format may have grown",
                e);
        }
    }

    /// <summary>The running kernel's release (<c>uname -r</c>), or null when it cannot be read.</summary>
    public static string? RunningRelease()
    {
        try
        {
            return File.ReadAllText(ReleasePath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Missing(string? module) =>
        module is null
            ? "the kernel was built without CONFIG_DEBUG_INFO_BTF (or sysfs is not mounted at /sys), so it publishes no BTF "
              + "and kfuncs and kernel types cannot be looked up; use a kernel with CONFIG_DEBUG_INFO_BTF=y"
            : $"module '{module}' is not loaded, or was built without BTF (CONFIG_DEBUG_INFO_BTF_MODULES); "
              + "load it (modprobe) or look the name up in vmlinux instead";
}
