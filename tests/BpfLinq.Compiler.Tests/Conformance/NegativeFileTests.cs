using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>The <c>negative/</c> files against our uBPF reader and our disassembler (no kernel; see <see cref="NegativeKernelTests"/>).</summary>
public sealed class NegativeFileTests
{
    public static TheoryData<string, string> AssemblerErrors => NegativeFiles.AssemblerErrors;

    public static TheoryData<string> Unused => [.. NegativeFiles.Unused];

    [Fact]
    public void Every_negative_file_is_in_exactly_one_group()
    {
        string[] grouped =
        [
            .. NegativeFiles.AssemblerErrors.Select(row => (string)row[0]),
            .. NegativeFiles.Skipped,
            .. NegativeFiles.WithoutProgram,
            NegativeFiles.UninitialisedR0,
            NegativeFiles.WrongHighBits,
            .. NegativeFiles.Unused,
        ];

        grouped.Order(StringComparer.Ordinal).ShouldBe(ConformanceSuite.NegativeNames);
        grouped.Length.ShouldBe(60);
        NegativeFiles.Unused.Count().ShouldBe(45);
    }

    [Theory]
    [MemberData(nameof(AssemblerErrors))]
    public void Our_reader_rejects_the_text_with_the_expected_message(string name, string message)
    {
        var file = ConformanceSuite.Negative(name).ShouldNotBeNull();

        var error = Should.Throw<FormatException>(() => file.Assemble());

        error.Message.ShouldBe(message);
        if (file.ExpectedError is { } upstream)
        {
            message.ShouldStartWith(upstream); // the file's "-- error" text, where it has one
        }
    }

    [Fact]
    public void Unknown_sections_skip_the_file_and_empty_files_hold_no_program()
    {
        NegativeFiles.Skipped.ShouldAllBe(name => ConformanceSuite.Negative(name) == null);
        foreach (var name in NegativeFiles.WithoutProgram)
        {
            var file = ConformanceSuite.Negative(name).ShouldNotBeNull();
            file.AsmLines.ShouldBeEmpty(name);
            file.RawSlots.ShouldBeNull(name);
            file.Assemble().ShouldBeEmpty(name);
        }
    }

    [Theory]
    [MemberData(nameof(Unused))]
    public void Our_disassembler_refuses_the_slot_for_exactly_the_field_the_file_names(string name)
    {
        // unused-<mnemonic>-<field>: one instruction with that field non-zero, then exit.
        var slots = ConformanceSuite.Negative(name).ShouldNotBeNull().Assemble();
        slots.Length.ShouldBe(2);
        slots[1].ShouldBe(Insn.Exit());
        var insn = slots[0];
        var field = name[(name.LastIndexOf('-') + 1)..];
        var cleared = field switch
        {
            "offset" => insn.WithOffset(0),
            "imm" => insn.WithImm(0),
            "src" => insn.WithSrc(Reg.R0),
            "dst" => new Insn(insn.Code, Reg.R0, insn.Src, insn.Offset, insn.Imm),
            _ => throw new InvalidOperationException($"{name}: unknown field '{field}'"),
        };
        cleared.ShouldNotBe(insn, "the named field is set");

        Disassembler.IsWellFormed(insn).ShouldBe(NegativeFiles.WellFormedUnused.Contains(name), Disassembler.Format(insn));
        Disassembler.IsWellFormed(cleared).ShouldBeTrue(Disassembler.Format(cleared));
    }

    [Fact]
    public void Mov64_with_offset_1_is_addr_space_cast_now()
    {
        var insn = ConformanceSuite.Negative("unused-mov64_reg-offset").ShouldNotBeNull().Assemble()[0];

        Disassembler.Format(insn).ShouldBe("r0 = addr_space_cast(r0, 0x0, 0x0)");
        insn.ShouldBe(Insn.AddrSpaceCast(Reg.R0, Reg.R0, 0, 0));
    }
}
