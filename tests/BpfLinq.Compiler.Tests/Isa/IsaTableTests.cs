using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>Every line of the ISA data table, both ways: bytes to text and text to bytes.</summary>
public class IsaTableTests
{
    /// <summary>
    /// The opcodes Linux 6.18 defines (kernel/bpf/core.c, BPF_INSN_MAP behind
    /// bpf_opcode_in_insntable, plus JMP|JCOND), written out independently of the code under test.
    /// </summary>
    public static readonly byte[] KernelOpcodes =
    [
        // ALU: add sub mul div or and lsh rsh mod xor mov arsh, K and X; neg; end to-le, to-be
        0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c,
        0x94, 0x9c, 0xa4, 0xac, 0xb4, 0xbc, 0xc4, 0xcc, 0x84, 0xd4, 0xdc,
        // ALU64: the same, neg, and bswap (END | TO_LE only)
        0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x47, 0x4f, 0x57, 0x5f, 0x67, 0x6f, 0x77, 0x7f,
        0x97, 0x9f, 0xa7, 0xaf, 0xb7, 0xbf, 0xc7, 0xcf, 0x87, 0xd7,
        // JMP: ja, the eleven conditions K and X, call, exit, jcond (may_goto)
        0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d, 0x55, 0x5d, 0x65, 0x6d, 0x75, 0x7d,
        0xa5, 0xad, 0xb5, 0xbd, 0xc5, 0xcd, 0xd5, 0xdd, 0x85, 0x95, 0xe5,
        // JMP32: ja (gotol), the eleven conditions K and X
        0x06, 0x16, 0x1e, 0x26, 0x2e, 0x36, 0x3e, 0x46, 0x4e, 0x56, 0x5e, 0x66, 0x6e, 0x76, 0x7e,
        0xa6, 0xae, 0xb6, 0xbe, 0xc6, 0xce, 0xd6, 0xde,
        // LD: imm64; abs W H B; ind W H B
        0x18, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50,
        // LDX: mem W H B DW; memsx W H B
        0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91,
        // ST: mem W H B DW
        0x62, 0x6a, 0x72, 0x7a,
        // STX: mem W H B DW; atomic W H B DW
        0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xcb, 0xd3, 0xdb,
    ];

    public static TheoryData<int, string> Rows => IsaTable.Rows;

    [Theory]
    [MemberData(nameof(Rows))]
    public void Bytes_print_as_the_canonical_text(int line, string text)
    {
        var entry = IsaTable.At(line);

        Disassembler.Format(entry.Slots[0], entry.Next).ShouldBe(text);
        Disassembler.Disassemble(entry.Slots, DisassemblyOptions.None).ShouldBe([text]);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Text_assembles_to_the_bytes(int line, string text)
    {
        var entry = IsaTable.At(line);

        Assembler.Assemble(text).ShouldBe(entry.Slots);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Only_raw_data_lines_are_malformed(int line, string text)
    {
        var entry = IsaTable.At(line);

        Disassembler.IsWellFormed(entry.Slots[0], entry.Next).ShouldBe(!entry.IsMalformed, text);
        Disassembler.TryFormat(entry.Slots[0], entry.Next, out var formatted).ShouldBe(!entry.IsMalformed);
        formatted.ShouldBe(entry.IsMalformed ? null : text);
    }

    [Fact]
    public void The_table_covers_every_opcode_the_kernel_defines()
    {
        var opcodesInTable = IsaTable.Entries.Where(entry => !entry.IsMalformed).Select(entry => entry.Slots[0].Code).ToHashSet();

        opcodesInTable.Order().ShouldBe(KernelOpcodes.Order());
    }

    [Fact]
    public void The_table_covers_every_form_of_the_generator()
    {
        // One sample of each generator form must have an entry of the same shape in the table.
        var shapesInTable = IsaTable.Entries.Where(entry => !entry.IsMalformed).Select(entry => Shape(entry.Slots)).ToHashSet();

        foreach (var (name, gen) in ValidInsns.Forms)
        {
            foreach (var sample in FsCheck.Fluent.Gen.Sample(gen, numberOfSamples: 200, seed: new FsCheck.Rnd(7), size: 50))
            {
                shapesInTable.ShouldContain(Shape(sample), $"form '{name}': {Disassembler.Format(sample[0], sample.Length > 1 ? sample[1] : default)}");
            }
        }
    }

    [Fact]
    public void Every_opcode_the_kernel_does_not_define_prints_as_raw_data()
    {
        var undefined = Enumerable.Range(0, 256).Select(code => (byte)code).Except(KernelOpcodes).ToArray();

        undefined.Length.ShouldBe(256 - KernelOpcodes.Length);
        foreach (var code in undefined)
        {
            foreach (var insn in new[] { new Insn(code, Reg.R0, Reg.R0, 0, 0), new Insn(code, Reg.R1, Reg.R2, 4, 16) })
            {
                Disassembler.IsWellFormed(insn).ShouldBeFalse($"opcode 0x{code:x2}");
                Disassembler.Format(insn).ShouldBe($".8byte 0x{insn.ToUInt64():x16}");
            }
        }
    }

    /// <summary>What distinguishes encoding forms: the opcode plus the fields that select a variant.</summary>
    private static string Shape(Insn[] slots)
    {
        var insn = slots[0];
        var variant = insn.Class switch
        {
            InsnClass.Alu or InsnClass.Alu64 when insn.AluOp is AluOp.Mov or AluOp.Div or AluOp.Mod => insn.Offset.ToString(),
            InsnClass.Alu or InsnClass.Alu64 when insn.AluOp == AluOp.End => insn.Imm.ToString(),
            InsnClass.Jmp when insn.JmpOp == JmpOp.Call => insn.Src.ToString(),
            InsnClass.Ld when insn.Code == 0x18 => $"{insn.Src} {(slots[1].Imm != 0 ? "second imm" : "")}",
            InsnClass.Stx when insn.Mode == Mode.Atomic => insn.Imm.ToString(),
            _ => "",
        };
        return $"0x{insn.Code:x2} {variant}";
    }
}
