using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

internal static unsafe partial class LibC
{
    /// <summary>
    /// libc's variadic <c>syscall()</c>, called with exactly four arguments. On x86_64 and arm64 the
    /// variadic and fixed calling conventions agree for integer arguments, so a fixed-arity import is
    /// safe; every bpf command takes exactly (cmd, attr, size).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long cmd, void* attr, long size);
}
