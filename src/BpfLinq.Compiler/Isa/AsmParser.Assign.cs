namespace BpfLinq.Compiler.Isa;

internal sealed partial class AsmParser
{
    // Statements that start with a register:
    //   r1 += r2 | r1 s/= -0x7 | w1 <<= 0x3          ALU, the register's width picks ALU64 or ALU32
    //   r1 = 0x4 | r1 = r2 | w1 = (s8)w2 | r1 = -r1   moves and negation
    //   r1 = 0x1122334455667788 ll                    ld_imm64
    //   r1 = be16 r1 | r1 = bswap64 r1                byte swaps
    //   r1 = addr_space_cast(r2, 0x0, 0x1)
    //   r1 = *(u32 *)(r2 + 0x8) | r0 = *(u8 *)skb[0x1] | atomics with a result   (AsmParser.Memory.cs)
    private void ParseAssignment()
    {
        var dst = ExpectRegister(out var word);
        var opToken = Peek;
        if (TryPunct("="))
        {
            ParseAssignedValue(dst, word);
            return;
        }
        if (opToken.Kind != AsmTokenKind.Punct || !AsmSyntax.TryParseAluOperator(TextOf(opToken), out var op, out var signed))
        {
            throw Error(opToken, $"expected '=' or an operator such as '+=', found {Describe(opToken)}");
        }
        _pos++;
        if (PeekRegister())
        {
            var src = ExpectRegister(word);
            _output.Emit((signed, word) switch
            {
                (true, false) => op == AluOp.Div ? Insn.SDiv(dst, src) : Insn.SMod(dst, src),
                (true, true) => op == AluOp.Div ? Insn.SDiv32(dst, src) : Insn.SMod32(dst, src),
                (false, false) => Insn.Alu(op, dst, src),
                (false, true) => Insn.Alu32(op, dst, src),
            });
            return;
        }
        var imm = ExpectImm32(word ? ImmRange.Bits32 : ImmRange.Signed);
        _output.Emit((signed, word) switch
        {
            (true, false) => op == AluOp.Div ? Insn.SDiv(dst, imm) : Insn.SMod(dst, imm),
            (true, true) => op == AluOp.Div ? Insn.SDiv32(dst, imm) : Insn.SMod32(dst, imm),
            (false, false) => Insn.Alu(op, dst, imm),
            (false, true) => Insn.Alu32(op, dst, imm),
        });
    }

    private void ParseAssignedValue(Reg dst, bool word)
    {
        var token = Peek;
        if (IsPunct(token, "-") && PeekAt(1).Kind == AsmTokenKind.Identifier)
        {
            _pos++;
            ExpectSameRegister(dst, word);
            _output.Emit(word ? Insn.Neg32(dst) : Insn.Neg(dst));
            return;
        }
        if (PeekNumber())
        {
            ParseConstant(dst, word);
            return;
        }
        if (PeekRegister())
        {
            var src = ExpectRegister(word);
            _output.Emit(word ? Insn.Mov32(dst, src) : Insn.Mov(dst, src));
            return;
        }
        if (IsPunct(token, "("))
        {
            ParseSignExtendingMove(dst, word);
            return;
        }
        if (IsPunct(token, "*"))
        {
            ParseLoad(dst, word);
            return;
        }
        if (token.Kind == AsmTokenKind.Identifier)
        {
            ParseFunctionForm(dst, word);
            return;
        }
        throw Error(token, $"expected a value, a register or a memory operand, found {Describe(token)}");
    }

    private void ParseConstant(Reg dst, bool word)
    {
        // "ll" after the number makes it the 16-byte ld_imm64; the sign, if any, is one token before the number.
        var isWide = IsWord(PeekAt(Peek.Kind == AsmTokenKind.Number ? 1 : 2), "ll");
        if (!isWide)
        {
            var imm = ExpectImm32(word ? ImmRange.Bits32 : ImmRange.Signed);
            _output.Emit(word ? Insn.Mov32(dst, imm) : Insn.Mov(dst, imm));
            return;
        }
        if (word)
        {
            throw Error(Peek, "a 64-bit constant ('ll') needs a 64-bit register");
        }
        var value = ExpectImm64();
        ExpectWord("ll");
        _output.Emit(Insn.LdImm64(dst, value));
    }

    private void ParseSignExtendingMove(Reg dst, bool word)
    {
        ExpectPunct("(");
        var typeToken = Peek;
        if (typeToken.Kind != AsmTokenKind.Identifier || !AsmSyntax.TryParseMemoryType(TextOf(typeToken), out var size, out var signed)
            || !signed || size == Size.DWord || (word && size == Size.Word))
        {
            throw Error(typeToken, word
                ? $"expected s8 or s16 for a 32-bit sign-extending move, found {Describe(typeToken)}"
                : $"expected s8, s16 or s32 for a sign-extending move, found {Describe(typeToken)}");
        }
        _pos++;
        ExpectPunct(")");
        var src = ExpectRegister(word);
        var bits = AsmSyntax.Bits(size);
        _output.Emit(word ? Insn.MovSx32(dst, src, bits) : Insn.MovSx(dst, src, bits));
    }

    private void ParseFunctionForm(Reg dst, bool word)
    {
        var nameToken = Peek;
        var name = TextOf(nameToken);
        if (TryParseByteSwap(name, out var kind, out var bits))
        {
            _pos++;
            if (word)
            {
                throw Error(nameToken, "byte swaps are written with 64-bit registers: 'r1 = be16 r1'");
            }
            ExpectSameRegister(dst, word: false);
            _output.Emit(kind switch
            {
                "le" => Insn.ToLe(dst, bits),
                "be" => Insn.ToBe(dst, bits),
                _ => Insn.Bswap(dst, bits),
            });
            return;
        }
        if (name.SequenceEqual("addr_space_cast"))
        {
            _pos++;
            if (word)
            {
                throw Error(nameToken, "addr_space_cast needs a 64-bit destination register");
            }
            ExpectPunct("(");
            var src = ExpectRegister(word: false);
            ExpectPunct(",");
            var dstSpace = (ushort)ExpectInteger("an address space", 0, ushort.MaxValue);
            ExpectPunct(",");
            var srcSpace = (ushort)ExpectInteger("an address space", 0, ushort.MaxValue);
            ExpectPunct(")");
            _output.Emit(Insn.AddrSpaceCast(dst, src, dstSpace, srcSpace));
            return;
        }
        ParseAtomicWithResult(dst, word);
    }

    /// <summary><c>le16</c>, <c>be32</c>, <c>bswap64</c>, ...</summary>
    private static bool TryParseByteSwap(ReadOnlySpan<char> name, out string kind, out int bits)
    {
        kind = name.StartsWith("bswap") ? "bswap" : name.StartsWith("le") ? "le" : name.StartsWith("be") ? "be" : "";
        bits = name[kind.Length..] switch
        {
            "16" => 16,
            "32" => 32,
            "64" => 64,
            _ => 0,
        };
        return kind.Length > 0 && bits != 0;
    }
}
