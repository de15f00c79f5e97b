using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary><see cref="Insn"/> is laid out exactly as the kernel's <c>struct bpf_insn</c>.</summary>
public class InsnLayoutTests
{
    [Fact]
    public void An_instruction_is_eight_bytes()
    {
        Marshal.SizeOf<Insn>().ShouldBe(8);
        Unsafe.SizeOf<Insn>().ShouldBe(8);
        Insn.SizeInBytes.ShouldBe(8);
    }

    [Theory]
    [InlineData("_code", 0)]    // __u8 code
    [InlineData("_regs", 1)]    // __u8 dst_reg:4, src_reg:4
    [InlineData("_offset", 2)]  // __s16 off
    [InlineData("_imm", 4)]     // __s32 imm
    public void Fields_sit_where_struct_bpf_insn_has_them(string field, int offset)
    {
        Marshal.OffsetOf<Insn>(field).ToInt32().ShouldBe(offset);
    }

    [Fact]
    public void A_known_instruction_has_the_kernels_bytes()
    {
        // BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_6, 0x1234) with imm 0x55667788 (not valid, but every field distinct):
        // dst_reg is the low nibble of byte 1 and src_reg the high one (little-endian bitfields).
        Insn[] program = [new Insn(0x61, Reg.R1, Reg.R6, 0x1234, 0x55667788)];

        MemoryMarshal.AsBytes(program.AsSpan()).ToArray().ShouldBe(new byte[] { 0x61, 0x61, 0x34, 0x12, 0x88, 0x77, 0x66, 0x55 });
        program[0].ToUInt64().ShouldBe(0x55667788_1234_61_61UL);
    }

    [Fact]
    public void Accessors_decode_every_field()
    {
        var insn = Insn.FromUInt64(0xfedcba98_8765_a3_dbUL);

        insn.Code.ShouldBe((byte)0xdb);
        insn.Class.ShouldBe(InsnClass.Stx);
        insn.Mode.ShouldBe(Mode.Atomic);
        insn.Size.ShouldBe(Size.DWord);
        insn.Dst.ShouldBe(Reg.R3);
        insn.Src.ShouldBe((Reg)0xa);
        insn.Offset.ShouldBe(unchecked((short)0x8765));
        insn.Imm.ShouldBe(unchecked((int)0xfedcba98));
    }

    [Fact]
    public void A_wide_load_spreads_into_a_collection_expression_as_two_slots()
    {
        Insn[] program = [Insn.Mov(Reg.R6, Reg.R1), .. Insn.LdMapFd(Reg.R1, 7), Insn.Exit()];

        program.Length.ShouldBe(4);
        program[1].IsLoadImm64.ShouldBeTrue();
        program[1].PseudoSource.ShouldBe(PseudoSource.MapFd);
        program[1].Imm.ShouldBe(7);
        program[2].ShouldBe(default);
        var pair = Insn.LdImm64(Reg.R0, 0x1122334455667788);
        pair.Count.ShouldBe(2);
        pair.ToArray().ShouldBe(new[] { pair.First, pair.Second });
        pair[1].Imm.ShouldBe(0x11223344);
        Should.Throw<ArgumentOutOfRangeException>(() => pair[2]);
    }
}
