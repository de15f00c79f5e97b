using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime.Native;

/// <summary><c>BPF_OBJ_GET_INFO_BY_FD</c> for any info struct (program, map, link).</summary>
internal static unsafe class ObjectInfo
{
    /// <summary>
    /// Fills <paramref name="info"/>. Input fields (array pointers and their counts) must be set by
    /// the caller, all others zero; the kernel copies at most <c>sizeof(TInfo)</c> bytes back.
    /// </summary>
    internal static void Get<TInfo>(BpfFileDescriptor fd, object owner, ref TInfo info, string operation)
        where TInfo : unmanaged
    {
        using var lease = fd.Borrow(owner);
        fixed (TInfo* pointer = &info)
        {
            var attr = new ObjInfoAttr
            {
                BpfFd = (uint)lease.Fd,
                InfoLen = (uint)sizeof(TInfo),
                Info = (ulong)pointer,
            };
            BpfSyscall.Invoke(BpfCommand.ObjGetInfoByFd, ref attr, operation);
        }
    }
}
