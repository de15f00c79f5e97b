using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Tests.Differential.Kernel;
using BpfLinq.Runtime.Programs;
using BpfLinq.Testing;
using Xunit.Abstractions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

public sealed class PacketScratchTests(ITestOutputHelper output)
{
    [KernelFact]
    public void Scratch()
    {
        Expression<Func<SkBuff, Verdict>> e = skb =>
            PacketPrimitives.Read(PacketAnchor.Data, PacketPrimitives.VlanTags(PacketAnchor.Data, 0, 2) << 2, 12, 2) == 0x0008
            && PacketPrimitives.Read(PacketAnchor.Data, 0, 23, 1) == 6 && skb.Len > 20 ? Pass : Drop;
        Expression<Func<XdpMd, Verdict>> x = xdp =>
            PacketPrimitives.Read(PacketAnchor.Data, PacketPrimitives.VlanTags(PacketAnchor.Data, 0, 2) << 2, 12, 2) == 0x0008
            && PacketPrimitives.Read(PacketAnchor.Data, 0, 23, 1) == 6 && PacketPrimitives.XdpLength() > 20 ? Pass : Drop;
        var frame = new byte[60];
        frame[12] = 8; frame[14] = 0x45; frame[23] = 6; frame[36] = 0; frame[37] = 80;
        foreach (var kind in new[] { ProgramKind.Tc, ProgramKind.SocketFilter, ProgramKind.CgroupSkb })
        {
            var filter = Bpf.Filter(e);
            var compiled = filter.Compile(kind, new CompileOptions { VerifyIrAfterEachPass = true });
            output.WriteLine(kind + ":\n" + compiled.Disassemble());
            using var program = KernelRunner.Load(kind, compiled.Instructions.ToArray());
            if (kind != ProgramKind.SkSkb)
            {
                output.WriteLine($"run: {program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue:x}");
            }
        }
        var xf = Bpf.Filter(x);
        var xc = xf.Compile(ProgramKind.Xdp, new CompileOptions { VerifyIrAfterEachPass = true });
        output.WriteLine("Xdp:\n" + xc.Disassemble());
        using var xp = KernelRunner.Load(ProgramKind.Xdp, xc.Instructions.ToArray());
        output.WriteLine($"run: {xp.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue:x}");
    }
}
