using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The property fails for compilers that are wrong in each way it must catch — a miscompile visible in
/// the low or only in the high 32 bits, a verifier rejection, a tree that throws in the CLR accepted,
/// an undocumented code, a path that names no node, a crash — and shrinks the case to a handful of
/// nodes. The broken compilers are BpfLinq's with one defect each, injected into its output or errors.
/// </summary>
public sealed class BrokenCompilerTests(ITestOutputHelper output)
{
    // Small, though not tiny: the optimizer folds whatever is constant, so a defect in a multiply may
    // only show in a loop that computes at run time, and the shrinker leaves loop control whole.
    private const int MaxShrunkNodes = 32;

    public static TheoryData<string> Defects =>
    [
        "signed compares made unsigned",
        "sign extensions dropped",
        "64-bit multiply done in 32 bits",
        "len read misaligned",
        "unproven divisors accepted",
        "undocumented error code",
        "error path names no node",
        "crash on Switch",
    ];

    [KernelTheory]
    [MemberData(nameof(Defects))]
    public void The_property_catches_the_defect_and_shrinks_the_case(string defect)
    {
        var (compiler, headline) = Broken(defect);

        // Any seed names a run; whether 1,000 programs hold a case for the subtler defects depends on
        // it (signed compares: seeds 1 and 2 do, 3 does not), so a generator change may move it.
        var failure = Should.Throw<DifferentialFailureException>(() => DifferentialProperty.Check(compiler, new DifferentialRun(1000, Seed: 1)));

        output.WriteLine(failure.Message);
        failure.Message.ShouldContain(headline);
        failure.Message.ShouldContain($"{DifferentialRun.SeedVariable}=1");
        var shrunk = failure.Case.ShouldNotBeNull();
        Nodes.All(shrunk.Program.Lambda.Body).Count.ShouldBeLessThanOrEqualTo(MaxShrunkNodes, ExpressionText.Of(shrunk.Program.Lambda));
        // The shrunk case still fails on its own, and the compiler without the defect passes it.
        new DifferentialChecker(compiler, new()).Check(shrunk).Verdict.ShouldBe(CaseVerdict.Failed);
        new DifferentialChecker(BpfLinqCompiler.UnderTest, new()).Check(shrunk).Verdict.ShouldNotBe(CaseVerdict.Failed);
    }

    private static (CompilerUnderTest Compiler, string Headline) Broken(string defect)
    {
        var correct = BpfLinqCompiler.UnderTest;
        CompilerUnderTest Rewriting(Func<Insn, Insn> rewrite) =>
            correct with { Name = defect, Compile = (lambda, kind) => correct.Compile(lambda, kind).Select(rewrite).ToArray() };
        CompilerUnderTest Erring(Func<CompileError, CompileError> change) =>
            correct with { Name = defect, ReadError = e => correct.ReadError(e) is { } error ? change(error) : null };
        return defect switch
        {
            "signed compares made unsigned" => (Rewriting(ToUnsignedCompare), "the kernel and the CLR disagree"),
            "sign extensions dropped" => (Rewriting(i => i.Class is InsnClass.Alu or InsnClass.Alu64 && i.AluOp == AluOp.Mov && i.Offset != 0 ? i.WithOffset(0) : i), "disagree"),
            "64-bit multiply done in 32 bits" => (Rewriting(i => i.Class == InsnClass.Alu64 && i.AluOp == AluOp.Mul ? new Insn((byte)((i.Code & ~0x07) | (byte)InsnClass.Alu), i.Dst, i.Src, i.Offset, i.Imm) : i), "disagree on the high half"),
            "len read misaligned" => (Rewriting(i => i == Insn.Ldx(Size.Word, i.Dst, Reg.R1, 0) ? i.WithOffset(1) : i), "the verifier rejected"),
            "unproven divisors accepted" => (correct with
            {
                Name = defect,
                Compile = (lambda, kind) => Accepting(() => correct.Compile(lambda, kind), DiagnosticCode.DivisorNotProvenNonZero, DiagnosticCode.DivisionOverflowNotExcluded),
            }, "a tree that throws must be a compile error"),
            "undocumented error code" => (Erring(e => e with { Code = "BPF9999" }), "is not documented"),
            "error path names no node" => (Erring(e => e with { Path = e.Path + ".Nowhere" }), "which is not a node of the tree"),
            "crash on Switch" => (correct with
            {
                Name = defect,
                Compile = (lambda, kind) => Nodes.All(lambda).Any(n => n is SwitchExpression)
                    ? throw new InvalidOperationException("switch lowering crashed")
                    : correct.Compile(lambda, kind),
            }, "which is not a compile error"),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };
    }

    // A compiler that, instead of refusing a division it cannot prove safe, emits "return 0".
    private static Insn[] Accepting(Func<Insn[]> compile, params string[] codes)
    {
        try
        {
            return compile();
        }
        catch (BpfCompileException e) when (codes.Contains(e.Code))
        {
            return [Insn.Mov(Reg.R0, 0), Insn.Exit()];
        }
    }

    private static Insn ToUnsignedCompare(Insn insn) =>
        insn.Class is InsnClass.Jmp or InsnClass.Jmp32 && insn.JmpOp is JmpOp.Jsgt or JmpOp.Jsge or JmpOp.Jslt or JmpOp.Jsle
            ? new Insn((byte)((insn.Code & 0x0f) | (byte)(insn.JmpOp switch
            {
                JmpOp.Jsgt => JmpOp.Jgt,
                JmpOp.Jsge => JmpOp.Jge,
                JmpOp.Jslt => JmpOp.Jlt,
                _ => JmpOp.Jle,
            })), insn.Dst, insn.Src, insn.Offset, insn.Imm)
            : insn;
}
