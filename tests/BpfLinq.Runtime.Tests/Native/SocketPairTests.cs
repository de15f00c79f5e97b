using System.Runtime.InteropServices;
using System.Net.Sockets;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime.Tests.Native;

public partial class SocketPairTests
{
    private const int FGetFd = 1;
    private const int FGetFl = 3;
    private const int FdCloexec = 1;
    private const int ONonBlock = 0x800;

    [Theory]
    [InlineData(SocketType.Dgram)]
    [InlineData(SocketType.Stream)]
    [InlineData(SocketType.Seqpacket)]
    public void The_two_ends_are_connected_both_ways(SocketType type)
    {
        var (first, second) = SocketPair.Create(type);
        using (first)
        using (second)
        {
            first.Send("ping"u8);
            second.Send("pong"u8);
            var buffer = new byte[16];
            second.Receive(buffer).ShouldBe(4);
            buffer[..4].ShouldBe("ping"u8.ToArray());
            first.Receive(buffer).ShouldBe(4);
            buffer[..4].ShouldBe("pong"u8.ToArray());
            first.SocketType.ShouldBe(type);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_ends_are_close_on_exec_and_non_blocking_when_asked(bool nonBlocking)
    {
        var (first, second) = SocketPair.Create(SocketType.Dgram, nonBlocking);
        using (first)
        using (second)
        {
            foreach (var socket in new[] { first, second })
            {
                int fd = (int)socket.SafeHandle.DangerousGetHandle();
                (Fcntl(fd, FGetFd, 0) & FdCloexec).ShouldBe(FdCloexec);
                (Fcntl(fd, FGetFl, 0) & ONonBlock).ShouldBe(nonBlocking ? ONonBlock : 0);
            }
        }
    }

    [Fact]
    public void Only_unix_socket_types_are_accepted() =>
        Should.Throw<ArgumentOutOfRangeException>(() => SocketPair.Create(SocketType.Raw));

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
