namespace BpfLinq.Compiler.Isa;

internal sealed partial class AsmParser
{
    // Control flow. A target is a signed distance in slots from the next instruction (+0x2, -0x3)
    // or a label defined anywhere in the text.
    //   goto +0x2 | gotol -0x10 | may_goto +0x1 | goto name
    //   if r1 s> 0x5 goto +0x2 | if w1 == w2 goto name
    //   call 0xc | call bpf_map_lookup_elem | call pc+0x9 | call name | call kfunc 0x4d2[, 0x1]
    private void ParseUnconditionalJump()
    {
        var mnemonic = Next();
        var isLabel = Peek.Kind == AsmTokenKind.Identifier;
        if (IsWord(mnemonic, "gotol"))
        {
            if (isLabel)
            {
                ExpectLabel(AsmFixupKind.LongJump);
            }
            _output.Emit(Insn.Gotol(isLabel ? 0 : (int)ExpectInteger("a jump distance", int.MinValue, int.MaxValue)));
            return;
        }
        if (isLabel)
        {
            ExpectLabel(AsmFixupKind.JumpOffset);
        }
        var offset = isLabel ? (short)0 : ExpectOffset("a jump distance");
        _output.Emit(IsWord(mnemonic, "goto") ? Insn.Ja(offset) : Insn.MayGoto(offset));
    }

    private void ParseConditionalJump()
    {
        _pos++; // if
        var dst = ExpectRegister(out var word);
        var opToken = Peek;
        if (opToken.Kind != AsmTokenKind.Punct || !AsmSyntax.TryParseJumpOperator(TextOf(opToken), out var op))
        {
            throw Error(opToken, $"expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found {Describe(opToken)}");
        }
        _pos++;
        Reg? src = PeekRegister() ? ExpectRegister(word) : null;
        var imm = src is null ? ExpectImm32(word ? ImmRange.Bits32 : ImmRange.Signed) : 0;
        ExpectWord("goto");
        short offset = 0;
        if (Peek.Kind == AsmTokenKind.Identifier)
        {
            ExpectLabel(AsmFixupKind.JumpOffset);
        }
        else
        {
            offset = ExpectOffset("a jump distance");
        }
        _output.Emit((src, word) switch
        {
            (null, false) => Insn.Jmp(op, dst, imm, offset),
            (null, true) => Insn.Jmp32(op, dst, imm, offset),
            ({ } reg, false) => Insn.Jmp(op, dst, reg, offset),
            ({ } reg, true) => Insn.Jmp32(op, dst, reg, offset),
        });
    }

    private void ParseCall()
    {
        _pos++; // call
        if (PeekNumber())
        {
            _output.Emit(Insn.CallHelper((int)ExpectInteger("a helper id", int.MinValue, int.MaxValue)));
            return;
        }
        if (IsWord(Peek, "pc") && (IsPunct(PeekAt(1), "+") || IsPunct(PeekAt(1), "-")))
        {
            _pos++;
            _output.Emit(Insn.CallLocal((int)ExpectInteger("a call distance", int.MinValue, int.MaxValue)));
            return;
        }
        if (IsWord(Peek, "kfunc") && PeekAt(1).Kind != AsmTokenKind.End)
        {
            _pos++;
            var btfId = (int)ExpectInteger("a BTF id", int.MinValue, int.MaxValue);
            var module = TryPunct(",") ? (short)ExpectInteger("a module fd_array index", short.MinValue, short.MaxValue) : (short)0;
            _output.Emit(Insn.CallKfunc(btfId, module));
            return;
        }
        // A label (local call) or a helper's C name; which one is known once all labels are.
        ExpectLabel(AsmFixupKind.Call);
        _output.Emit(Insn.CallLocal(0));
    }
}
