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
            PacketPrimitives.Read(PacketAnchor.Data, 0, 12, 2) == 0x0008 && PacketPrimitives.Read(PacketAnchor.Data, 0, 23, 1) == 6
            && PacketPrimitives.Read(PacketAnchor.Data, 14 + (int)((PacketPrimitives.Read(PacketAnchor.Data, 0, 14, 1) & 0xF) << 2), 2, 2) == 0x5000 ? Pass : Drop;
        var filter = Bpf.Filter(e);
        foreach (var kind in new[] { ProgramKind.Tc, ProgramKind.SocketFilter })
        {
            var compiled = filter.Compile(kind, new CompileOptions { DumpAfter = "expand packet access", Trace = output.WriteLine, VerifyIrAfterEachPass = true });
            output.WriteLine(kind + ":\n" + compiled.Disassemble());
            using var program = KernelRunner.Load(kind, compiled.Instructions.ToArray());
            var frame = new byte[60];
            frame[12] = 8; frame[14] = 0x45; frame[23] = 6; frame[36] = 0; frame[37] = 80;
            output.WriteLine($"run: {program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue:x}");
        }
    }
}
