using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>What the assembler reads beyond single canonical lines, and how it reports errors.</summary>
public class AssemblerTests
{
    [Fact]
    public void Reads_a_listing_with_index_column_comments_blank_lines_and_crlf()
    {
        var text = "; a socket filter\r\n   0:\tr6 = r1\t# keep the context\r\n\r\n   1:\tr0 = 0x1122334455667788 ll\n   3:\texit ;\n";

        Assembler.Assemble(text).ShouldBe([Insn.Mov(Reg.R6, Reg.R1), .. Insn.LdImm64(Reg.R0, 0x1122334455667788), Insn.Exit()]);
    }

    [Fact]
    public void Resolves_labels_forwards_and_backwards()
    {
        var text = """
            start:
                r0 = 0x0
            loop: r0 += 0x1
                if r0 < 0xa goto loop
                may_goto done
                gotol start
                call sub
                ld_pseudo r2, 0x4, sub
                goto done
            done:
                exit
            sub:
                r0 = 0x1 ll
                exit
            """;

        Assembler.Assemble(text).ShouldBe(
        [
            Insn.Mov(Reg.R0, 0),                 // 0 start
            Insn.Add(Reg.R0, 1),                 // 1 loop
            Insn.Jmp(JmpOp.Jlt, Reg.R0, 10, -2), // 2
            Insn.MayGoto(5),                     // 3 -> 9
            Insn.Gotol(-5),                      // 4 -> 0
            Insn.CallLocal(4),                   // 5 -> 10
            .. Insn.LdFunc(Reg.R2, 3),           // 6, 7 -> 10 (counted from slot 7, as the kernel does)
            Insn.Ja(0),                          // 8 -> 9
            Insn.Exit(),                         // 9 done
            .. Insn.LdImm64(Reg.R0, 1),          // 10, 11 sub
            Insn.Exit(),
        ]);
    }

    [Fact]
    public void Calls_a_helper_by_its_c_name_unless_a_label_has_that_name()
    {
        Assembler.Assemble("call bpf_map_lookup_elem\ncall bpf_loop").ShouldBe([Insn.Call(Helper.MapLookupElem), Insn.Call(Helper.Loop)]);
        Assembler.Assemble("call bpf_loop\nexit\nbpf_loop: exit").ShouldBe([Insn.CallLocal(1), Insn.Exit(), Insn.Exit()]);
    }

    [Fact]
    public void Accepts_llvm_spellings_that_encode_the_same()
    {
        Assembler.Assemble("""
            w1 = *(u32 *)(r6 + 12)
            *(u8 *)(r10 - 1) = w1
            lock *(u32 *)(r1 - 0x8) += r2
            r1 = 4294967295 ll
            w0 = 0xffffffff
            if w1 == 0xffffffff goto +1
            ld_pseudo	r1, 0x1, 0x5
            """).ShouldBe(
        [
            Insn.Ldx(Size.Word, Reg.R1, Reg.R6, 12),
            Insn.Stx(Size.Byte, Reg.R10, -1, Reg.R1),
            Insn.AtomicAdd(Size.Word, Reg.R1, -8, Reg.R2),
            .. Insn.LdImm64(Reg.R1, 0xffffffff),
            Insn.Mov32(Reg.R0, -1),
            Insn.Jmp32(JmpOp.Jeq, Reg.R1, -1, 1),
            .. Insn.LdMapFd(Reg.R1, 5),
        ]);
    }

    [Fact]
    public void Empty_text_is_an_empty_program()
    {
        Assembler.Assemble("").ShouldBeEmpty();
        Assembler.Assemble("\n  ; nothing\n# at all\n").ShouldBeEmpty();
    }

    public static TheoryData<string, int, int, string> Errors => new()
    {
        { "r1 += r11", 1, 7, "there is no register r11" },
        { "w1 += r2", 1, 7, "expected a 32-bit register w2" },
        { "r1 = w2", 1, 6, "expected a 64-bit register r2" },
        { "r1 = 0xffffffff", 1, 6, "does not fit a sign-extended 32-bit field" },
        { "w1 = 0x100000000", 1, 6, "out of range" },
        { "goto +0x8000", 1, 6, "out of range" },
        { "r1 = *(u64 *)(r2 - 0x8001)", 1, 18, "out of range" },
        { "foo r1", 1, 1, "unknown instruction 'foo'" },
        { "exit r0", 1, 6, "unexpected 'r0' after the instruction" },
        { "r1 = $", 1, 6, "unexpected character '$'" },
        { "r1 = 0x1g", 1, 6, "malformed number '0x1g'" },
        { "r1 = 0x10000000000000000 ll", 1, 6, "does not fit in 64 bits" },
        { "r1 = -0x8000000000000001 ll", 1, 6, "out of range" },
        { "w1 = 0x1 ll", 1, 6, "needs a 64-bit register" },
        { "goto nowhere", 1, 6, "undefined label 'nowhere'" },
        { "exit\n\ncall nowhere", 3, 6, "undefined label or helper 'nowhere'" },
        { "a:\nexit\na: exit", 3, 1, "label 'a' is already defined" },
        { "r10: exit", 1, 1, "'r10' is a register and cannot be a label" },
        { "r0 = *(u64 *)skb[0x1]", 1, 8, "8, 16 or 32 bits" },
        { "r1 = *(u32 *)skb[0x1]", 1, 8, "always load into r0" },
        { "r1 = *(s64 *)(r2 + 0x0)", 1, 8, "no sign-extending 64-bit load" },
        { "w1 = *(s8 *)(r2 + 0x0)", 1, 8, "only zero-extending loads" },
        { "*(u64 *)(r1 + 0x0) = w2", 1, 22, "a 64-bit store takes a 64-bit register" },
        { "*(u64 *)(r1 + 0x0) = 0xffffffff", 1, 22, "sign-extended" },
        { "r1 = le16 r2", 1, 11, "expected r1 (the same register as before)" },
        { "w1 = be16 w1", 1, 6, "64-bit registers" },
        { "r1 = -r2", 1, 7, "expected r1 (the same register as before)" },
        { "w1 = (s32)w2", 1, 7, "expected s8 or s16" },
        { "r1 = (u8)r2", 1, 7, "expected s8, s16 or s32" },
        { "lock *(u8 *)(r1 + 0x0) += w2", 1, 8, "u32 or u64" },
        { "lock *(u64 *)(r1 + 0x0) -= r2", 1, 25, "expected +=, |=, &= or ^=" },
        { "w2 = atomic_fetch_add((u64 *)(r1 + 0x0), w2)", 1, 24, "on u64 r registers" },
        { "r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r3)", 1, 42, "expected r2 (the same register as before)" },
        { "r2 = xchg32_32(r1 + 0x0, r2)", 1, 6, "works on 32-bit w registers" },
        { "r1 = cmpxchg_64(r1 + 0x0, r0, r2)", 1, 6, "returns the old value in r0" },
        { "w0 = load_acquire((u64 *)(r1 + 0x0))", 1, 20, "of u64 loads an r register" },
        { "store_release((u64 *)(r1 + 0x0), w2)", 1, 34, "expected a 64-bit register r2" },
        { "ld_pseudo r1, 0x0, 0x1", 1, 15, "plain constant" },
        { "ld_pseudo r1, 0x7, 0x1", 1, 15, "not one of 1 to 6" },
        { "ld_pseudo r1, 0x1, 0x1, 0x2", 1, 25, "no second operand" },
        { "if r1 => r2 goto +0x1", 1, 7, "expected a comparison" },
        { "if r1 == r2 +0x1", 1, 13, "expected 'goto'" },
        { "call pc+", 1, 9, "expected a call distance, found end of line" },
        { "r1 = addr_space_cast(r2, 0x10000, 0x0)", 1, 26, "out of range" },
        { "r1 = sqrt(r2)", 1, 6, "unknown operation 'sqrt'" },
        { ".8byte -0x1", 1, 8, "expected a 64-bit value" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Reports_errors_with_line_column_and_reason(string text, int line, int column, string reason)
    {
        var error = Should.Throw<AssemblerException>(() => Assembler.Assemble(text));

        error.Reason.ShouldContain(reason);
        (error.Line, error.Column).ShouldBe((line, column));
        error.Message.ShouldStartWith($"line {line}, column {column}: ");
    }

    [Fact]
    public void A_label_beyond_the_reach_of_a_16_bit_offset_is_an_error_that_suggests_gotol()
    {
        var text = "goto far\n" + string.Concat(Enumerable.Repeat("exit\n", 40000)) + "far: exit\ngotol far0\nfar0: exit";

        var error = Should.Throw<AssemblerException>(() => Assembler.Assemble(text));

        error.Line.ShouldBe(1);
        error.Reason.ShouldContain("40000 slots away");
        error.Reason.ShouldContain("gotol");
        Assembler.Assemble(text.Replace("goto far\n", "gotol far\n", StringComparison.Ordinal))[0].ShouldBe(Insn.Gotol(40000));
    }
}
