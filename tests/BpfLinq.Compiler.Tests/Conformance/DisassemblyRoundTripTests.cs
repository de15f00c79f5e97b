using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Every case's bytes, printed by our <see cref="Disassembler"/> and read back by our
/// <see cref="Assembler"/>, give the same bytes: 313 real programs through the text dialect.
/// </summary>
public sealed class DisassemblyRoundTripTests
{
    /// <summary>
    /// The one slot of the suite Linux 6.18 has no instruction for: callx (opcode 0x8d, a uBPF
    /// extension). Our disassembler prints slots the kernel rejects as raw data, <c>.8byte 0x...</c>,
    /// which reads back to the same bytes but says nothing about the text dialect, so the test pins
    /// exactly where that form may appear.
    /// </summary>
    private static readonly (string Case, int Slot)[] s_rawSlots = [("callx", 2)];

    [Theory]
    [MemberData(nameof(ConformanceSuite.Names), MemberType = typeof(ConformanceSuite))]
    public void The_disassembly_reassembles_to_the_same_bytes(string name)
    {
        var slots = ConformanceSuite.Case(name).Assemble();

        foreach (var options in new[] { DisassemblyOptions.None, DisassemblyOptions.IndexColumn })
        {
            var lines = Disassembler.Disassemble(slots, options);
            var text = string.Join("\n", lines);

            Assembler.Assemble(text).ShouldBe(slots, $"{options}:\n{text}");
        }
        RawSlots(slots).ShouldBe(s_rawSlots.Where(raw => raw.Case == name).Select(raw => raw.Slot));
    }

    [Fact]
    public void Local_calls_print_as_pc_relative_so_they_stay_distinguishable_from_helper_calls()
    {
        // call_local: "call local func1" at slot 10, func1 at slot 20; call_unwind_fail: helper 5.
        Disassembler.Disassemble(ConformanceSuite.Case("call_local").Assemble(), DisassemblyOptions.None)[10].ShouldBe("call pc+0x9");
        Disassembler.Disassemble(ConformanceSuite.Case("call_unwind_fail").Assemble(), DisassemblyOptions.None)
            .ShouldContain("call 0x5");
    }

    /// <summary>The slot index of every line printed as raw data, read from the listing's index column.</summary>
    private static IEnumerable<int> RawSlots(Insn[] slots) =>
        Disassembler.Disassemble(slots, DisassemblyOptions.IndexColumn)
            .Where(line => line.Contains("\t.8byte ", StringComparison.Ordinal))
            .Select(line => int.Parse(line.AsSpan(0, line.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture));
}
