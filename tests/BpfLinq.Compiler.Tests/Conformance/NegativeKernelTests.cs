using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>The <c>negative/</c> files that hold a program, through <see cref="ConformanceHarness"/>: each must be refused or judged wrong.</summary>
public sealed class NegativeKernelTests
{
    public static TheoryData<string> Unused => [.. NegativeFiles.Unused];

    [KernelFact]
    public void A_program_reading_an_uninitialised_r0_is_refused()
    {
        var file = ConformanceSuite.Negative(NegativeFiles.UninitialisedR0).ShouldNotBeNull();

        var outcome = ConformanceHarness.Run(file.Assemble(), file.Memory);

        outcome.Refusal.ShouldBe("R0 !read_ok");
    }

    [KernelFact]
    public void A_wrong_expected_value_in_the_high_half_fails_the_case()
    {
        var file = ConformanceSuite.Negative(NegativeFiles.WrongHighBits).ShouldNotBeNull();

        var outcome = ConformanceHarness.Run(file.Assemble(), file.Memory);
        var verdict = ConformanceVerdict.Judge(file, outcome);

        // ldxdw of mem[2..10]: the kernel's 0x88... against the file's 0x89...; the low halves agree.
        outcome.R0.ShouldBe(0x8877665544332211UL);
        file.ExpectedResult.ShouldBe(0x8977665544332211UL);
        outcome.ReturnValue.ShouldBe(0x44332211u);
        verdict.Kind.ShouldBe(VerdictKind.Failed);
        verdict.Detail.ShouldBe("expected r0 = 0x8977665544332211, got r0 = 0x8877665544332211 (retval 0x44332211)");
    }

    [KernelTheory]
    [MemberData(nameof(Unused))]
    public void A_slot_with_a_reserved_field_set_is_refused(string name)
    {
        var file = ConformanceSuite.Negative(name).ShouldNotBeNull();

        var outcome = ConformanceHarness.Run(file.Assemble(), file.Memory);

        outcome.Refusal.ShouldBe(NegativeFiles.KernelReason(name));
    }
}
