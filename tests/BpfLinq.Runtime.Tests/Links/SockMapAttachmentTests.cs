using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Links;

public class SockMapAttachmentTests
{
    [KernelTheory]
    [InlineData(SockMapVerdict.SkPass, true)]
    [InlineData(SockMapVerdict.SkDrop, false)]
    public void A_stream_verdict_program_decides_what_sockets_in_the_map_receive(int verdict, bool arrives)
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        using var program = SockMapVerdict.LoadVerdict(verdict);

        using (SockMapAttachment.Attach(sockMap, program, AttachType.SkSkbStreamVerdict))
        {
            SockMapVerdict.Arrives(sockMap).ShouldBe(arrives);
        }

        SockMapVerdict.Arrives(sockMap).ShouldBeTrue("after detach, sockets added to the map are not filtered");
    }

    [KernelFact]
    public void The_attachment_outlives_the_map_and_program_objects()
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        SockMapAttachment attachment;
        using (var program = SockMapVerdict.LoadVerdict(SockMapVerdict.SkDrop))
        {
            attachment = SockMapAttachment.Attach(sockMap, program, AttachType.SkSkbStreamVerdict);
        }

        SockMapVerdict.Arrives(sockMap).ShouldBeFalse();
        attachment.Dispose();
        SockMapVerdict.Arrives(sockMap).ShouldBeTrue();
    }

    [KernelFact]
    public void Disposing_an_attachment_from_many_threads_detaches_once_and_leaves_the_map_and_program_open()
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        using var program = SockMapVerdict.LoadVerdict(SockMapVerdict.SkDrop);
        for (int round = 0; round < 200; round++)
        {
            var attachment = SockMapAttachment.Attach(sockMap, program, AttachType.SkSkbStreamVerdict);
            using var start = new Barrier(4);

            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                attachment.Dispose();
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());

            sockMap.GetInfo().Type.ShouldBe(MapType.SockMap, "the map's fd is still its own");
            program.GetInfo().Type.ShouldBe(ProgramType.SkSkb);
        }
    }

    [KernelFact]
    public void A_second_attach_replaces_the_first_program()
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        using var pass = SockMapVerdict.LoadVerdict(SockMapVerdict.SkPass);
        using var drop = SockMapVerdict.LoadVerdict(SockMapVerdict.SkDrop);
        using var first = SockMapAttachment.Attach(sockMap, pass, AttachType.SkSkbStreamVerdict);

        using (SockMapAttachment.Attach(sockMap, drop, AttachType.SkSkbStreamVerdict))
        {
            SockMapVerdict.Arrives(sockMap).ShouldBeFalse();
        }

        SockMapVerdict.Arrives(sockMap).ShouldBeTrue("detaching the replacement left nothing attached");
        Should.Throw<BpfException>(first.Detach).Errno.ShouldBe(Errno.ENOENT);
    }

    [KernelFact]
    public void Attaching_where_a_link_holds_the_place_is_EBUSY()
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        using var pass = SockMapVerdict.LoadVerdict(SockMapVerdict.SkPass);
        using var drop = SockMapVerdict.LoadVerdict(SockMapVerdict.SkDrop);
        using var link = BpfLink.Create(pass, sockMap, AttachType.SkSkbStreamVerdict);

        var error = Should.Throw<BpfException>(() => SockMapAttachment.Attach(sockMap, drop, AttachType.SkSkbStreamVerdict).Dispose());

        error.Errno.ShouldBe(Errno.EBUSY);
        error.Command.ShouldBe(BpfCommand.ProgAttach);
        error.Message.ShouldContain("already attached");
        SockMapVerdict.Arrives(sockMap).ShouldBeTrue();
    }
}
