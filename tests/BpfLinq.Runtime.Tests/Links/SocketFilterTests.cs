using System.Net.Sockets;
using System.Text;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Links;

public class SocketFilterTests
{
    /// <summary>The blog's first program: a socket filter <c>r0 = 4; exit</c> keeps 4 bytes of each packet.</summary>
    [KernelFact]
    public void Hello_arrives_as_Hell_through_the_blogs_first_filter_and_whole_after_detach()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = new[] { Insn.Mov(Reg.R0, 4), Insn.Exit() },
            License = "GPL v2",
        });
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            var filter = SocketFilter.Attach(receiver, program);
            SendAndReceive(sender, receiver, "Hello").ShouldBe("Hell");

            filter.Dispose();
            SendAndReceive(sender, receiver, "Hello").ShouldBe("Hello");
        }
    }

    [KernelFact]
    public void The_socket_keeps_the_program_after_the_program_object_is_disposed()
    {
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            SocketFilter filter;
            using (var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(2) }))
            {
                filter = SocketFilter.Attach(receiver.SafeHandle, program);
            }
            using (filter)
            {
                SendAndReceive(sender, receiver, "Hello").ShouldBe("He");
            }
            SendAndReceive(sender, receiver, "Hello").ShouldBe("Hello");
        }
    }

    [KernelFact]
    public void Disposing_after_the_socket_closed_does_nothing()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) });
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        sender.Dispose();
        var filter = SocketFilter.Attach(receiver, program);
        receiver.Dispose();

        Should.NotThrow(filter.Dispose);
    }

    [KernelFact]
    public void Detaching_twice_by_hand_is_ENOENT_the_second_time_the_kernel_is_asked()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) });
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            using var first = SocketFilter.Attach(receiver, program);
            using var second = SocketFilter.Attach(receiver, program); // replaces the first: one filter per socket
            second.Detach();

            Should.Throw<BpfException>(first.Detach).Errno.ShouldBe(Errno.ENOENT);
        }
    }

    [KernelFact]
    public void Only_socket_filter_programs_attach_to_sockets()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.Xdp, Instructions = TestProgram.Return(2) });
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            Should.Throw<ArgumentException>(() => SocketFilter.Attach(receiver, program)).Message.ShouldContain("SocketFilter");
        }
    }

    private static string SendAndReceive(Socket sender, Socket receiver, string message)
    {
        sender.Send(Encoding.ASCII.GetBytes(message));
        var buffer = new byte[64];
        int length = receiver.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
