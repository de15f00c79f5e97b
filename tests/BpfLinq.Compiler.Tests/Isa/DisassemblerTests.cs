using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>Listings: the index column, helper names, and slots that do not form an instruction.</summary>
public class DisassemblerTests
{
    [Fact]
    public void A_listing_numbers_slots_like_llvm_objdump()
    {
        Insn[] program = [Insn.Mov(Reg.R6, Reg.R1), .. Insn.LdMapFd(Reg.R1, 3), Insn.Call(Helper.MapLookupElem), Insn.Exit()];

        Disassembler.Disassemble(program).ShouldBe(
        [
            "   0:\tr6 = r1",
            "   1:\tld_pseudo r1, 0x1, 0x3",
            "   3:\tcall 0x1",
            "   4:\texit",
        ]);
        Disassembler.Disassemble(program, DisassemblyOptions.None).ShouldBe(["r6 = r1", "ld_pseudo r1, 0x1, 0x3", "call 0x1", "exit"]);
    }

    [Fact]
    public void Helper_calls_can_carry_their_c_name_as_a_comment()
    {
        Insn[] program = [Insn.Call(Helper.SkbLoadBytes), Insn.CallHelper(5000), Insn.CallLocal(1), Insn.Exit()];

        Disassembler.Disassemble(program, DisassemblyOptions.HelperNames).ShouldBe(
            ["call 0x1a\t; bpf_skb_load_bytes", "call 0x1388", "call pc+0x1", "exit"]);
        Disassembler.Disassemble(program, DisassemblyOptions.HelperNames | DisassemblyOptions.IndexColumn)[0]
            .ShouldBe("   0:\tcall 0x1a\t; bpf_skb_load_bytes");
    }

    [Fact]
    public void The_index_column_widens_past_four_digits()
    {
        var program = Enumerable.Repeat(Insn.Exit(), 10001).ToArray();

        var lines = Disassembler.Disassemble(program);

        lines[9999].ShouldBe("9999:\texit");
        lines[10000].ShouldBe("10000:\texit");
    }

    [Fact]
    public void A_wide_load_without_its_second_slot_or_with_a_bad_one_shows_its_slots_as_raw_data()
    {
        var load = Insn.LdImm64(Reg.R1, 0x1_0000_0002);
        var badSecond = new Insn(0x07, Reg.R0, Reg.R0, 0, 1); // a real instruction where the high half belongs

        Disassembler.Disassemble([load.First]).ShouldBe(["   0:\t.8byte 0x0000000200000118"]);
        Disassembler.Disassemble([load.First, badSecond], DisassemblyOptions.None)
            .ShouldBe([".8byte 0x0000000200000118", "r0 += 0x1"]);
        Disassembler.Format(load.First, badSecond).ShouldBe(".8byte 0x0000000200000118");
        Disassembler.IsWellFormed(load.First, badSecond).ShouldBeFalse();
    }

    [Fact]
    public void Format_without_a_second_slot_reads_the_upper_half_as_zero()
    {
        Disassembler.Format(Insn.LdImm64(Reg.R1, -1).First).ShouldBe("r1 = 0xffffffff ll");
        Disassembler.Format(Insn.Mov(Reg.R0, 1), Insn.Exit()).ShouldBe("r0 = 0x1");
    }

    [Fact]
    public void TryFormat_refuses_malformed_slots_without_text()
    {
        Disassembler.TryFormat(new Insn(0x8d, Reg.R1, Reg.R2, 0, 0), default, out var text).ShouldBeFalse();
        text.ShouldBeNull();
        Disassembler.TryFormat(Insn.Exit(), default, out text).ShouldBeTrue();
        text.ShouldBe("exit");
    }

    [Fact]
    public void Text_of_the_longest_forms_fits()
    {
        // The writer's buffer is fixed; these are the longest texts the dialect has.
        Disassembler.Format(Insn.AtomicCmpxchg(Size.Word, Reg.R10, short.MinValue, Reg.R10)).ShouldBe("w0 = cmpxchg32_32(r10 - 0x8000, w0, w10)");
        var pseudo = Insn.LdMapIdxValue(Reg.R10, -1, -1);
        Disassembler.Format(pseudo.First, pseudo.Second).ShouldBe("ld_pseudo r10, 0x6, 0xffffffff, 0xffffffff");
        var wide = Insn.LdImm64(Reg.R10, long.MinValue);
        Disassembler.Format(wide.First, wide.Second).ShouldBe("r10 = -0x8000000000000000 ll");
        Disassembler.Format(Insn.AtomicFetchXor(Size.DWord, Reg.R10, short.MinValue, Reg.R10))
            .ShouldBe("r10 = atomic_fetch_xor((u64 *)(r10 - 0x8000), r10)");
        Disassembler.Format(Insn.Jmp32(JmpOp.Jsle, Reg.R10, int.MinValue, short.MinValue)).ShouldBe("if w10 s<= -0x80000000 goto -0x8000");
    }
}
