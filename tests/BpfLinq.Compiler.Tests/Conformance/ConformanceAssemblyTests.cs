using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

public sealed class ConformanceAssemblyTests
{
    [Fact]
    public void The_suite_has_313_cases_each_with_a_program_and_a_result()
    {
        ConformanceSuite.Cases.Count.ShouldBe(313);
        ConformanceSuite.Cases.ShouldAllBe(c => c.AsmLines.Count > 0 && c.ExpectedResult != null && c.ExpectedError == null);
        ConformanceSuite.Cases.Count(c => c.Memory != null).ShouldBe(40);
    }

    [Fact]
    public void Every_case_assembles_and_ends_in_exit()
    {
        foreach (var c in ConformanceSuite.Cases)
        {
            var insns = UbpfAssembler.Assemble(c.AsmLines);
            insns.ShouldNotBeEmpty(c.Name);
            insns.ShouldContain(i => i.Code == 0x95, c.Name);
        }
    }

    [Fact]
    public void The_raw_section_agrees_with_the_assembled_text()
    {
        var withRaw = ConformanceSuite.Cases.Where(c => c.RawSlots != null).ToList();
        withRaw.Select(c => c.Name).ShouldBe(["lddw"]);
        foreach (var c in withRaw)
        {
            UbpfAssembler.Assemble(c.AsmLines).Select(i => i.ToUInt64()).ShouldBe(c.RawSlots!);
        }
    }

    [Theory]
    [InlineData("add32 %r0, -3", 0x04, 0, 0, 0, -3)]
    [InlineData("sdiv %r1, %r2", 0x3f, 1, 2, 1, 0)]
    [InlineData("movsx832 %r2, %r1", 0xbc, 2, 1, 8, 0)]
    [InlineData("ldxsh %r0, [%r10-2]", 0x89, 0, 10, -2, 0)]
    [InlineData("stb [%r1+2], 0x11", 0x72, 1, 0, 2, 0x11)]
    [InlineData("be16 %r0", 0xdc, 0, 0, 0, 16)]
    [InlineData("bswap64 %r0", 0xd7, 0, 0, 0, 64)]
    [InlineData("jset32 %r1, 0x8, +1", 0x46, 1, 0, 1, 8)]
    [InlineData("jne %r1, 0xffffffff, +2", 0x55, 1, 0, 2, -1)]
    [InlineData("lock fetch add32 [%r10-8], %r1", 0xc3, 10, 1, -8, 0x01)]
    [InlineData("lock cmpxchg [%r10-8], %r1", 0xdb, 10, 1, -8, 0xf1)]
    [InlineData("call %r2", 0x8d, 2, 0, 0, 0)]
    [InlineData("ja32 +3", 0x06, 0, 0, 0, 3)]
    public void Single_instructions_encode_as_the_readme_table_says(string text, int code, int dst, int src, int off, int imm)
    {
        var insn = UbpfAssembler.Assemble([text]).ShouldHaveSingleItem();
        insn.ShouldBe(new Insn((byte)code, (Reg)dst, (Reg)src, (short)off, imm));
    }
}
