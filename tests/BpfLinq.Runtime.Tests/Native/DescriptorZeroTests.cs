using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// fd 0 handling. Runs alone: it puts a map on descriptor 0 (stdin) for a moment, and no other test
/// may open an fd while 0 is free.
/// </summary>
[Collection(nameof(RunsAlone))]
public partial class DescriptorZeroTests
{
    private const int FDupFdCloexec = 1030;
    private const int FGetFd = 1;

    [KernelFact]
    public void A_bpf_object_returned_as_fd_0_is_moved_to_a_higher_fd()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 4, MaxEntries = 1 });
        int savedStdin = Fcntl(0, FDupFdCloexec, 3);
        savedStdin.ShouldBeGreaterThan(0);
        try
        {
            Dup2(map.Fd, 0).ShouldBe(0);

            using var adopted = BpfFileDescriptor.Adopt(0);

            adopted.Value.ShouldBeGreaterThanOrEqualTo(1);
            File.ReadAllText($"/proc/self/fdinfo/{adopted.Value}").ShouldContain("map_type:\t2");
            Fcntl(0, FGetFd, 0).ShouldBe(-1, "Adopt closed descriptor 0 after moving it");
        }
        finally
        {
            Dup2(savedStdin, 0);
            Close(savedStdin);
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
