using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// The builder tests of Zig's bpf.zig (the seed our builder names follow: test "opcodes"),
/// expressed against our builders. Zig's table came from iovisor's bpf-docs.
/// </summary>
public class ZigSeedTests
{
    private static readonly BuilderCase[] s_opcodes =
    [
        // alu instructions
        BuilderCase.Of(Insn.Add(Reg.R1, 0), "07"), BuilderCase.Of(Insn.Add(Reg.R1, Reg.R2), "0f"),
        BuilderCase.Of(Insn.Sub(Reg.R1, 0), "17"), BuilderCase.Of(Insn.Sub(Reg.R1, Reg.R2), "1f"),
        BuilderCase.Of(Insn.Mul(Reg.R1, 0), "27"), BuilderCase.Of(Insn.Mul(Reg.R1, Reg.R2), "2f"),
        BuilderCase.Of(Insn.Div(Reg.R1, 0), "37"), BuilderCase.Of(Insn.Div(Reg.R1, Reg.R2), "3f"),
        BuilderCase.Of(Insn.Or(Reg.R1, 0), "47"), BuilderCase.Of(Insn.Or(Reg.R1, Reg.R2), "4f"),
        BuilderCase.Of(Insn.And(Reg.R1, 0), "57"), BuilderCase.Of(Insn.And(Reg.R1, Reg.R2), "5f"),
        BuilderCase.Of(Insn.Lsh(Reg.R1, 0), "67"), BuilderCase.Of(Insn.Lsh(Reg.R1, Reg.R2), "6f"),
        BuilderCase.Of(Insn.Rsh(Reg.R1, 0), "77"), BuilderCase.Of(Insn.Rsh(Reg.R1, Reg.R2), "7f"),
        BuilderCase.Of(Insn.Neg(Reg.R1), "87"),
        BuilderCase.Of(Insn.Mod(Reg.R1, 0), "97"), BuilderCase.Of(Insn.Mod(Reg.R1, Reg.R2), "9f"),
        BuilderCase.Of(Insn.Xor(Reg.R1, 0), "a7"), BuilderCase.Of(Insn.Xor(Reg.R1, Reg.R2), "af"),
        BuilderCase.Of(Insn.Mov(Reg.R1, 0), "b7"), BuilderCase.Of(Insn.Mov(Reg.R1, Reg.R2), "bf"),
        BuilderCase.Of(Insn.Arsh(Reg.R1, 0), "c7"), BuilderCase.Of(Insn.Arsh(Reg.R1, Reg.R2), "cf"),
        // atomic instructions: Zig's xadd is the 64-bit atomic add
        BuilderCase.Of(Insn.AtomicAdd(Size.DWord, Reg.R1, 0, Reg.R2), "db"),
        // byte swaps, with the width in the immediate
        BuilderCase.Of(Insn.ToLe(Reg.R1, 16), "d4 imm 16"), BuilderCase.Of(Insn.ToLe(Reg.R1, 32), "d4 imm 32"),
        BuilderCase.Of(Insn.ToLe(Reg.R1, 64), "d4 imm 64"), BuilderCase.Of(Insn.ToBe(Reg.R1, 16), "dc imm 16"),
        BuilderCase.Of(Insn.ToBe(Reg.R1, 32), "dc imm 32"), BuilderCase.Of(Insn.ToBe(Reg.R1, 64), "dc imm 64"),
        // memory instructions: ld_dw1/ld_dw2 are our LdImm64's two slots
        BuilderCase.Of(Insn.LdImm64(Reg.R1, 0), "18 00"),
        // loading a map fd
        BuilderCase.Of(Insn.LdMapFd(Reg.R1, 0), "18 00 src 1"),
        BuilderCase.Of(Insn.LdAbs(Size.Word, 0), "20"), BuilderCase.Of(Insn.LdAbs(Size.Half, 0), "28"),
        BuilderCase.Of(Insn.LdAbs(Size.Byte, 0), "30"),
        BuilderCase.Of(Insn.LdInd(Size.Word, Reg.R2, 0), "40"), BuilderCase.Of(Insn.LdInd(Size.Half, Reg.R2, 0), "48"),
        BuilderCase.Of(Insn.LdInd(Size.Byte, Reg.R2, 0), "50"),
        BuilderCase.Of(Insn.Ldx(Size.DWord, Reg.R1, Reg.R2, 0), "79"), BuilderCase.Of(Insn.Ldx(Size.Word, Reg.R1, Reg.R2, 0), "61"),
        BuilderCase.Of(Insn.Ldx(Size.Half, Reg.R1, Reg.R2, 0), "69"), BuilderCase.Of(Insn.Ldx(Size.Byte, Reg.R1, Reg.R2, 0), "71"),
        BuilderCase.Of(Insn.St(Size.Word, Reg.R1, 0, 0), "62"), BuilderCase.Of(Insn.St(Size.Half, Reg.R1, 0, 0), "6a"),
        BuilderCase.Of(Insn.St(Size.Byte, Reg.R1, 0, 0), "72"),
        BuilderCase.Of(Insn.Stx(Size.Word, Reg.R1, 0, Reg.R2), "63"), BuilderCase.Of(Insn.Stx(Size.Half, Reg.R1, 0, Reg.R2), "6b"),
        BuilderCase.Of(Insn.Stx(Size.Byte, Reg.R1, 0, Reg.R2), "73"), BuilderCase.Of(Insn.Stx(Size.DWord, Reg.R1, 0, Reg.R2), "7b"),
        // branch instructions
        BuilderCase.Of(Insn.Ja(0), "05"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jeq, Reg.R1, 0, 0), "15"), BuilderCase.Of(Insn.Jmp(JmpOp.Jeq, Reg.R1, Reg.R2, 0), "1d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jgt, Reg.R1, 0, 0), "25"), BuilderCase.Of(Insn.Jmp(JmpOp.Jgt, Reg.R1, Reg.R2, 0), "2d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jge, Reg.R1, 0, 0), "35"), BuilderCase.Of(Insn.Jmp(JmpOp.Jge, Reg.R1, Reg.R2, 0), "3d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jlt, Reg.R1, 0, 0), "a5"), BuilderCase.Of(Insn.Jmp(JmpOp.Jlt, Reg.R1, Reg.R2, 0), "ad"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jle, Reg.R1, 0, 0), "b5"), BuilderCase.Of(Insn.Jmp(JmpOp.Jle, Reg.R1, Reg.R2, 0), "bd"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jset, Reg.R1, 0, 0), "45"), BuilderCase.Of(Insn.Jmp(JmpOp.Jset, Reg.R1, Reg.R2, 0), "4d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jne, Reg.R1, 0, 0), "55"), BuilderCase.Of(Insn.Jmp(JmpOp.Jne, Reg.R1, Reg.R2, 0), "5d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jsgt, Reg.R1, 0, 0), "65"), BuilderCase.Of(Insn.Jmp(JmpOp.Jsgt, Reg.R1, Reg.R2, 0), "6d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jsge, Reg.R1, 0, 0), "75"), BuilderCase.Of(Insn.Jmp(JmpOp.Jsge, Reg.R1, Reg.R2, 0), "7d"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jslt, Reg.R1, 0, 0), "c5"), BuilderCase.Of(Insn.Jmp(JmpOp.Jslt, Reg.R1, Reg.R2, 0), "cd"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jsle, Reg.R1, 0, 0), "d5"), BuilderCase.Of(Insn.Jmp(JmpOp.Jsle, Reg.R1, Reg.R2, 0), "dd"),
        BuilderCase.Of(Insn.Call(Helper.Unspec), "85"),
        BuilderCase.Of(Insn.Exit(), "95"),
    ];

    public static TheoryData<string> OpcodeRows => BuilderCase.Rows(s_opcodes);

    [Theory]
    [MemberData(nameof(OpcodeRows))]
    public void Opcodes(string call)
    {
        var c = s_opcodes.Single(c => c.Call == call);
        var expected = c.Expected.Split(' ');

        c.Slots[0].Code.ShouldBe(Convert.ToByte(expected[0], 16));
        switch (expected)
        {
            case [_, "imm", var width]:
                c.Slots[0].Imm.ShouldBe(int.Parse(width, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case [_, var second, ..]:
                // ld_dw2 / ld_map_fd2: the second slot has opcode 0.
                c.Slots[1].Code.ShouldBe(Convert.ToByte(second, 16));
                if (expected is [.., "src", var src])
                {
                    c.Slots[0].Src.ShouldBe((Reg)int.Parse(src, System.Globalization.CultureInfo.InvariantCulture));
                }
                break;
        }
    }

    [Fact]
    public void The_64_bit_packet_loads_zig_encodes_do_not_exist_in_the_kernel()
    {
        // Zig builds ld_abs/ld_ind of double words (0x38, 0x58); Linux rejects them
        // ("BPF_LD_[ABS|IND] uses reserved fields"), so our builders refuse them.
        Should.Throw<ArgumentException>(() => Insn.LdAbs(Size.DWord, 0));
        Should.Throw<ArgumentException>(() => Insn.LdInd(Size.DWord, Reg.R2, 0));
        Disassembler.IsWellFormed(new Insn(0x38, Reg.R0, Reg.R0, 0, 0)).ShouldBeFalse();
        Disassembler.IsWellFormed(new Insn(0x58, Reg.R0, Reg.R2, 0, 0)).ShouldBeFalse();
    }

    [Fact]
    public void Insn_bitsize()
    {
        (System.Runtime.InteropServices.Marshal.SizeOf<Insn>() * 8).ShouldBe(64);
    }
}
