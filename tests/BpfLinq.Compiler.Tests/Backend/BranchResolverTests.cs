using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Jumps farther than a 16-bit offset: a diamond whose two sides are 40,000 instructions each, so
/// the branch at the top and the jump from the end of the first side both cross more than 32K
/// slots. They must become gotol (the conditional one hopping over it), and the kernel must load
/// the program and take both paths correctly.
/// </summary>
public sealed class BranchResolverTests
{
    private const int SideLength = 40_000;

    private static Function HugeDiamond()
    {
        var f = new Function("huge", IrType.I64);
        var ctx = f.AddParam(IrType.CtxPtr);
        var b = new IrBuilder(f) { Current = f.AddBlock() };
        var mark = b.Load(IrType.I64, ctx, ContextOffsets.SkBuff(nameof(SkBuff.Mark)), 4);
        var left = f.AddBlock();
        var right = f.AddBlock();
        var join = f.AddBlock();
        b.CondBr(b.Cmp(Cond.Eq, mark, b.I64(0)), left, right);
        Value Chain(Block block, int step)
        {
            b.Current = block;
            Value x = mark;
            for (var k = 0; k < SideLength; k++)
            {
                x = b.Binary(k % 2 == 0 ? Op.Add : Op.Xor, IrType.I64, x, b.I64((k * step) & 0xffff));
            }
            b.Br(join);
            return x;
        }
        var fromLeft = Chain(left, 3);
        var fromRight = Chain(right, 5);
        b.Current = join;
        var phi = b.Phi(join, IrType.I64);
        IrBuilder.AddPhiIncoming(phi, left, fromLeft);
        IrBuilder.AddPhiIncoming(phi, right, fromRight);
        b.Ret(b.Binary(Op.Mul, IrType.I64, phi, mark)); // more than "exit": jumping to it is cheaper than copying it
        return f;
    }

    [Fact]
    public void Far_jumps_become_gotol()
    {
        var code = Backend.Compile(HugeDiamond());
        code.Instructions.Length.ShouldBeGreaterThan(2 * SideLength);
        var gotols = code.Instructions.Count(i => i.Class == InsnClass.Jmp32 && i.JmpOp == JmpOp.Ja);
        gotols.ShouldBe(2, string.Join("\n", Disassembler.Disassemble(code.Instructions).Where(l => l.Contains("goto", StringComparison.Ordinal))));
        // Every jump lands inside the program.
        for (var i = 0; i < code.Instructions.Length; i++)
        {
            var insn = code.Instructions[i];
            if (insn.IsJump)
            {
                var target = i + 1 + insn.JumpOffset;
                target.ShouldBeInRange(0, code.Instructions.Length - 1);
            }
        }
    }

    [Fact]
    public void Near_jumps_stay_short()
    {
        var code = Backend.Compile(RegisterPressureTests.ManyLiveValuesAcrossCalls(4));
        code.Instructions.ShouldNotContain(i => i.Class == InsnClass.Jmp32 && i.JmpOp == JmpOp.Ja);
    }

    [Theory]
    [InlineData(JmpOp.Jset, 3)]   // no inverse: if c goto +1; goto +1; gotol L
    [InlineData(JmpOp.Jsgt, 2)]   // if !c goto +1; gotol L
    public void Far_conditional_jumps_hop_over_a_gotol(JmpOp op, int slots)
    {
        foreach (var backward in new[] { false, true })
        {
            // label 0: [branch to label 1 when forward] filler... label 1: [branch to label 0 when backward] exit
            var filler = Enumerable.Repeat(AsmItem.Plain(Insn.Mov(Reg.R0, 1), null), 40_000).ToList();
            var branch = new AsmItem(AsmItemKind.Branch, Insn.Jmp(op, Reg.R1, 4, 0), default, backward ? 0 : 1, null);
            List<AsmItem> items = backward
                ? [.. filler, branch, AsmItem.Plain(Insn.Exit(), null)]
                : [branch, .. filler, AsmItem.Plain(Insn.Exit(), null)];
            int[] labels = backward ? [0, filler.Count] : [0, filler.Count + 1];
            var resolved = BranchResolver.Resolve(items, labels);
            resolved.HasBackEdge.ShouldBe(backward);
            var insns = resolved.Instructions;
            insns.Length.ShouldBe(filler.Count + slots + 1);
            var at = backward ? filler.Count : 0;
            var gotol = insns[at + slots - 1];
            (gotol.Class, gotol.JmpOp).ShouldBe((InsnClass.Jmp32, JmpOp.Ja));
            var target = at + slots + gotol.Imm;
            target.ShouldBe(backward ? 0 : insns.Length - 1);
            // The condition that reaches the gotol must be the original one.
            var first = insns[at];
            (op == JmpOp.Jset ? first.JmpOp == JmpOp.Jset && insns[at + 1].JmpOp == JmpOp.Ja : first.JmpOp == JmpOp.Jsle).ShouldBeTrue();
        }
    }

    [KernelFact]
    public void A_program_with_far_jumps_loads_and_takes_both_paths()
    {
        var f = HugeDiamond();
        var code = Backend.Compile(f);
        TestRunInput[] contexts = [KernelHarness.Context(0, 0), KernelHarness.Context(12345, 0)];
        KernelHarness.Run(code, contexts).ShouldBe(contexts.Select(c => KernelHarness.Interpret(f, c)).ToArray());
    }
}
