using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>The harness program and packet, offline: the layout Data/README.md describes, slot for slot.</summary>
public sealed class HarnessProgramTests
{
    private const int MapFd = 7;

    [Fact]
    public void A_case_with_memory_gets_the_wrapper_the_prolog_and_its_own_slots()
    {
        var memLen = ConformanceSuite.Case("mem-len");

        var program = HarnessProgram.Build(memLen.Assemble(), memLen.Memory!.Length, MapFd);

        Disassembler.Disassemble(program).ShouldBe(
        [
            "   0:\tcall pc+0x4",
            "   1:\tld_pseudo r1, 0x2, 0x7",
            "   3:\t*(u64 *)(r1 + 0x0) = r0",
            "   4:\texit",
            "   5:\tr0 = -0x1",
            "   6:\tr6 = r1",
            "   7:\tr1 = *(u32 *)(r6 + 0x0)",
            "   8:\tr2 = *(u32 *)(r6 + 0x4)",
            "   9:\tr3 = r1",
            "  10:\tr3 += 0x8",
            "  11:\tif r3 <= r2 goto +0x1",
            "  12:\texit",
            "  13:\tr2 = 0x8",
            "  14:\tr0 = r2",
            "  15:\texit",
        ]);
        program.Length.ShouldBe(HarnessProgram.WrapperSlots + HarnessProgram.PrologSlots + 2);
    }

    [Fact]
    public void A_case_without_memory_starts_right_after_the_wrapper_and_keeps_its_offsets()
    {
        var callLocal = ConformanceSuite.Case("call_local");
        var body = callLocal.Assemble();

        var program = HarnessProgram.Build(body, memoryLength: null, MapFd);

        program[..HarnessProgram.WrapperSlots].ShouldBe(HarnessProgram.Wrapper(MapFd));
        program[HarnessProgram.WrapperSlots..].ShouldBe(body);
        // The wrapper's call lands on the case's first slot; the case's own local call is untouched.
        (1 + program[0].Imm).ShouldBe(HarnessProgram.WrapperSlots);
        program[0].IsLocalCall.ShouldBeTrue();
        program[1].PseudoSource.ShouldBe(PseudoSource.MapValue);
        program[1].Imm.ShouldBe(MapFd);
    }

    [Theory]
    [InlineData(0, 14)]
    [InlineData(4, 14)]
    [InlineData(14, 14)]
    [InlineData(40, 40)]
    public void The_packet_is_the_memory_padded_with_zeros_to_an_ethernet_header(int memoryLength, int packetLength)
    {
        var memory = Enumerable.Range(1, memoryLength).Select(i => (byte)i).ToArray();

        var packet = ConformanceHarness.Packet(memoryLength == 0 ? null : memory);

        packet.Length.ShouldBe(packetLength);
        packet[..memoryLength].ShouldBe(memory);
        packet[memoryLength..].ShouldAllBe(b => b == 0);
    }
}
