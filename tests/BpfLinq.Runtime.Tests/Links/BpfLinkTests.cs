using System.Text.Json;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Links;

public class BpfLinkTests
{
    [KernelFact]
    public void An_xdp_link_attaches_to_an_interface_until_disposed()
    {
        using var veth = VethPair.Create();
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.Xdp, Instructions = TestProgram.Return(2), Name = "xdp_pass" });
        uint programId = program.GetInfo().Id;

        using (var link = BpfLink.Create(program, veth.Ifindex, AttachType.Xdp))
        {
            var info = link.GetInfo();
            info.Type.ShouldBe(LinkType.Xdp);
            info.Ifindex.ShouldBe((uint)veth.Ifindex);
            info.ProgramId.ShouldBe(programId);
            info.Id.ShouldBeGreaterThan(0u);
            AttachedXdpProgram(veth.Name).ShouldBe(programId);
        }

        AttachedXdpProgram(veth.Name).ShouldBeNull();
    }

    [KernelFact]
    public void A_sockmap_link_runs_the_verdict_until_disposed()
    {
        using var sockMap = SockMapVerdict.CreateSockMap();
        using var program = SockMapVerdict.LoadVerdict(SockMapVerdict.SkDrop);

        using (var link = BpfLink.Create(program, sockMap, AttachType.SkSkbStreamVerdict))
        {
            link.GetInfo().Type.ShouldBe(LinkType.SockMap);
            link.GetInfo().MapId.ShouldBe(sockMap.GetInfo().Id);
            SockMapVerdict.Arrives(sockMap).ShouldBeFalse();
        }

        SockMapVerdict.Arrives(sockMap).ShouldBeTrue();
    }

    [KernelFact]
    public void A_mismatched_attach_type_is_refused()
    {
        using var veth = VethPair.Create();
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) });

        Should.Throw<BpfException>(() => BpfLink.Create(program, veth.Ifindex, AttachType.Xdp)).Errno
            .ShouldBe(BpfLinq.Errno.EINVAL);
    }

    /// <summary>The id of the XDP program <c>ip link</c> reports on the interface, or null.</summary>
    private static uint? AttachedXdpProgram(string interfaceName)
    {
        using var json = JsonDocument.Parse(VethPair.Ip($"-j -d link show dev {interfaceName}"));
        var link = json.RootElement[0];
        return link.TryGetProperty("xdp", out var xdp) && xdp.TryGetProperty("prog", out var prog)
            ? prog.GetProperty("id").GetUInt32()
            : null;
    }
}
