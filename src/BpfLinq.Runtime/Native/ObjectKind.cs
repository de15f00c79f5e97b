using System.Globalization;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// What kind of BPF object an fd refers to, from <c>/proc/self/fdinfo</c> (maps list
/// <c>map_type:</c>, programs <c>prog_type:</c>, links <c>link_type:</c>). <c>BPF_OBJ_GET</c> returns
/// any kind, and the info structs do not say which one they describe.
/// </summary>
internal static class ObjectKind
{
    /// <summary>True when the fd is a map.</summary>
    internal static bool IsMap(BpfFileDescriptor fd) => HasField(fd, "map_type:");

    private static bool HasField(BpfFileDescriptor fd, string field)
    {
        using var lease = fd.Borrow(fd);
        string path = "/proc/self/fdinfo/" + lease.Fd.ToString(CultureInfo.InvariantCulture);
        return File.ReadLines(path).Any(line => line.StartsWith(field, StringComparison.Ordinal));
    }
}
