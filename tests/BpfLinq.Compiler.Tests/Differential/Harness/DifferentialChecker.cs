using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// Decides one case, the differential property's body. The compiler either rejects the lambda with a
/// documented compile error whose path names a node of the tree, or its instructions load (the
/// verifier accepts them) and, on every input, return the low 32 bits of what the CLR computes on the
/// model's context. A raw program whose value is 64 bits wide is also compiled as
/// <c>(long)((ulong)E &gt;&gt; 32)</c> and checked, since the kernel reports only r0's low half. Any other
/// end fails the case with a report (see <see cref="FailureReport"/>).
/// </summary>
internal sealed class DifferentialChecker(CompilerUnderTest compiler, DifferentialStatistics statistics)
{
    /// <summary>The case's outcome.</summary>
    public CaseOutcome Check(DifferentialCase testCase)
    {
        var program = testCase.Program;
        ClrOracle oracle;
        try
        {
            oracle = ClrOracle.Compile(program);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new CaseOutcome(CaseVerdict.Invalid, e.Message);
        }
        var report = new FailureReport(compiler, testCase);
        var outcome = Compile(program.Lambda, program.Kind, report, out var instructions)
            ?? Run(testCase, instructions!, oracle, report, highHalf: false);
        if (outcome is null && NeedsHighHalf(program))
        {
            var high = HighHalf(program.Lambda);
            outcome = Compile(high, program.Kind, report, out var highInstructions) is { } highOutcome
                ? new CaseOutcome(CaseVerdict.Failed, report.Render($"the high-half program `{ExpressionText.Of(high)}` did not compile though the program did: {highOutcome.Error?.Message ?? highOutcome.Detail}"))
                : Run(testCase, highInstructions!, oracle, report, highHalf: true);
        }
        outcome ??= CaseOutcome.Agreed;
        statistics.Record(outcome, program.HasUnsupportedNode);
        return outcome;
    }

    /// <summary><c>(long)((ulong)E &gt;&gt; 32)</c> for a raw program <c>ctx =&gt; E</c>.</summary>
    public static LambdaExpression HighHalf(LambdaExpression lambda) =>
        Expression.Lambda(
            lambda.Type,
            Expression.Convert(Expression.RightShift(Expression.Convert(lambda.Body, typeof(ulong)), Expression.Constant(32)), typeof(long)),
            lambda.Parameters);

    /// <summary>
    /// True for a raw program whose value is 64 bits wide: its upper half is not implied by the lower
    /// one (as it is for <c>(long)E</c> of a 32-bit or narrower E, which the low half already checks).
    /// </summary>
    public static bool NeedsHighHalf(GeneratedProgram program) =>
        !program.ReturnsVerdict
        && !(program.Lambda.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert
             && (ScalarType.IsScalar(convert.Operand.Type) && ScalarType.Of(convert.Operand.Type).Bits <= 32));

    // Null when compiled; otherwise the outcome (a documented rejection, or a failure).
    private CaseOutcome? Compile(LambdaExpression lambda, ProgramKind kind, FailureReport report, out Insn[]? instructions)
    {
        try
        {
            instructions = compiler.Compile(lambda, kind);
            report.Instructions = instructions;
            return null;
        }
        catch (Exception e)
        {
            instructions = null;
            var error = compiler.ReadError(e);
            if (error is null)
            {
                return new CaseOutcome(CaseVerdict.Failed, report.Render($"the compiler threw {e.GetType().Name}, which is not a compile error:\n{e}"));
            }
            if (!compiler.IsDocumentedCode(error.Code))
            {
                return new CaseOutcome(CaseVerdict.Failed, report.Render($"compile error code {error.Code} is not documented: {error.Message}"), error);
            }
            if (!ExpressionPath.NamesNode(lambda, error.Path))
            {
                return new CaseOutcome(CaseVerdict.Failed, report.Render($"compile error {error.Code} names path '{error.Path}', which is not a node of the tree: {error.Message}"), error);
            }
            return new CaseOutcome(CaseVerdict.Rejected, error.Message, error);
        }
    }

    // Null when the kernel agreed with the CLR on every input.
    private CaseOutcome? Run(DifferentialCase testCase, Insn[] instructions, ClrOracle oracle, FailureReport report, bool highHalf)
    {
        var kind = testCase.Program.Kind;
        BpfProgram loaded;
        try
        {
            loaded = KernelHarness.Load(kind, instructions);
            statistics.CountLoad();
        }
        catch (BpfVerifierException e)
        {
            return new CaseOutcome(CaseVerdict.Failed, report.Render($"the verifier rejected the{(highHalf ? " high-half" : "")} program: {e.Message}\n{Tail(e.Log)}"));
        }
        using (loaded)
        {
            var mismatch = false;
            for (var i = 0; i < testCase.Inputs.Length; i++)
            {
                var input = testCase.Inputs[i];
                var context = input.Predict(kind);
                long clr;
                try
                {
                    clr = oracle.Evaluate(context);
                }
                catch (Exception e)
                {
                    return new CaseOutcome(CaseVerdict.Failed, report.Render($"the program compiled, but the CLR throws {e.GetType().Name} ({e.Message}) on input #{i}: a tree that throws must be a compile error"));
                }
                var expected = highHalf ? (uint)((ulong)clr >> 32) : (uint)clr;
                var actual = KernelHarness.Run(loaded, kind, input);
                statistics.CountRuns(1);
                report.AddRun(i, actual, expected, highHalf);
                mismatch |= actual != expected;
            }
            return mismatch
                ? new CaseOutcome(CaseVerdict.Failed, report.Render($"the kernel and the CLR disagree{(highHalf ? " on the high half" : "")}"))
                : null;
        }
    }

    private static string Tail(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return "verifier log (last lines):\n  " + string.Join("\n  ", lines.TakeLast(12));
    }
}
