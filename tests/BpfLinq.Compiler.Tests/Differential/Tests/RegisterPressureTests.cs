using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// Programs holding more values at once than eBPF has registers (11 to 16, as blocks of variables and
/// as single expressions, for every kind) must load and agree with the CLR.
/// </summary>
public sealed class RegisterPressureTests
{
    private const int ProgramsPerKind = 24;

    public static TheoryData<ProgramKind> Kinds => [.. ContextReadability.TestRunKinds];

    [Fact]
    public void The_programs_hold_more_values_than_there_are_registers()
    {
        var random = new Random(11);
        foreach (var kind in ContextReadability.TestRunKinds)
        {
            foreach (var asBlock in new[] { true, false })
            {
                var program = RegisterPressure.Generate(random, kind, liveValues: 11, asBlock);

                LiveValues.Max(program.Lambda).ShouldBeGreaterThan(10, program.ToString());
                TreeShrinker.IsClosed(program.Lambda).ShouldBeTrue();
            }
        }
    }

    [KernelTheory]
    [MemberData(nameof(Kinds))]
    public void Programs_with_more_live_values_than_registers_load_and_agree_with_the_CLR(ProgramKind kind)
    {
        var random = new Random(1000 + (int)kind);
        var inputs = new InputGenerator();
        var checker = new DifferentialChecker(BpfLinqCompiler.UnderTest, new DifferentialStatistics());

        for (var i = 0; i < ProgramsPerKind; i++)
        {
            var program = RegisterPressure.Generate(random, kind, liveValues: random.Next(11, 17), asBlock: i % 2 == 0);
            var testCase = new DifferentialCase(program, Enumerable.Range(0, 8).Select(_ => inputs.Next(random)).ToArray());

            var outcome = checker.Check(testCase);

            outcome.Verdict.ShouldBe(CaseVerdict.Agreed, outcome.Detail);
        }
    }
}
