using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.StandIn;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The property fails for compilers that are wrong in each way it must catch — a miscompile visible in
/// the low or only in the high 32 bits, a verifier rejection, a tree that throws in the CLR accepted,
/// an undocumented code, a path that names no node, a crash — and shrinks the case to a handful of
/// nodes. The broken compilers are the stand-in with one defect each.
/// </summary>
public sealed class BrokenCompilerTests(ITestOutputHelper output)
{
    private const int MaxShrunkNodes = 16;

    public static TheoryData<string> Defects =>
    [
        "signed compares made unsigned",
        "int results left zero-extended",
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

        var failure = Should.Throw<DifferentialFailureException>(() => DifferentialProperty.Check(compiler, new DifferentialRun(1000, Seed: 7)));

        output.WriteLine(failure.Message);
        failure.Message.ShouldContain(headline);
        failure.Message.ShouldContain($"{DifferentialRun.SeedVariable}=7");
        var shrunk = failure.Case.ShouldNotBeNull();
        Nodes.All(shrunk.Program.Lambda.Body).Count.ShouldBeLessThanOrEqualTo(MaxShrunkNodes, ExpressionText.Of(shrunk.Program.Lambda));
        // The shrunk case still fails on its own, and the correct stand-in passes it.
        new DifferentialChecker(compiler, new()).Check(shrunk).Verdict.ShouldBe(CaseVerdict.Failed);
        new DifferentialChecker(StackCompiler.UnderTest, new()).Check(shrunk).Verdict.ShouldNotBe(CaseVerdict.Failed);
    }

    private static (CompilerUnderTest Compiler, string Headline) Broken(string defect)
    {
        var standIn = StackCompiler.UnderTest;
        CompilerUnderTest Rewriting(Func<Insn, Insn> rewrite) =>
            standIn with { Name = defect, Compile = (lambda, kind) => standIn.Compile(lambda, kind).Select(rewrite).ToArray() };
        CompilerUnderTest Erring(Func<CompileError, CompileError> change) =>
            standIn with { Name = defect, ReadError = e => standIn.ReadError(e) is { } error ? change(error) : null };
        return defect switch
        {
            "signed compares made unsigned" => (Rewriting(ToUnsignedCompare), "the kernel and the CLR disagree"),
            "int results left zero-extended" => (Rewriting(i => i == Insn.MovSx(Reg.R0, Reg.R0, 32) ? Insn.Mov32(Reg.R0, Reg.R0) : i), "the kernel and the CLR disagree"),
            "64-bit multiply done in 32 bits" => (Rewriting(i => i == Insn.Mul(Reg.R0, Reg.R1) ? Insn.Mul32(Reg.R0, Reg.R1) : i), "disagree on the high half"),
            "len read misaligned" => (Rewriting(i => i == Insn.Ldx(Size.Word, Reg.R0, Reg.R6, 0) ? Insn.Ldx(Size.Word, Reg.R0, Reg.R6, 1) : i), "the verifier rejected"),
            "unproven divisors accepted" => (StackCompiler.WithoutDivisorProofs, "a tree that throws must be a compile error"),
            "undocumented error code" => (Erring(e => e with { Code = "SI9999" }), "is not documented"),
            "error path names no node" => (Erring(e => e with { Path = e.Path + ".Nowhere" }), "which is not a node of the tree"),
            "crash on Switch" => (standIn with
            {
                Name = defect,
                Compile = (lambda, kind) => Nodes.All(lambda).Any(n => n is SwitchExpression)
                    ? throw new InvalidOperationException("switch lowering crashed")
                    : standIn.Compile(lambda, kind),
            }, "which is not a compile error"),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };
    }

    private static Insn ToUnsignedCompare(Insn insn) =>
        insn.Class == InsnClass.Jmp && insn.JmpOp is JmpOp.Jsgt or JmpOp.Jsge or JmpOp.Jslt or JmpOp.Jsle
            ? new Insn((byte)((insn.Code & 0x0f) | (byte)(insn.JmpOp switch
            {
                JmpOp.Jsgt => JmpOp.Jgt,
                JmpOp.Jsge => JmpOp.Jge,
                JmpOp.Jslt => JmpOp.Jlt,
                _ => JmpOp.Jle,
            })), insn.Dst, insn.Src, insn.Offset, insn.Imm)
            : insn;
}
