namespace BpfLinq.Compiler.Isa;

internal sealed partial class AsmParser
{
    // Memory statements. Value registers of 8- to 32-bit stores and loads may be written wN as
    // llvm's alu32 syntax does; the encoding is the same.
    //   r1 = *(u32 *)(r2 + 0x8) | r1 = *(s16 *)(r2 - 0x2)           LDX (MEM, MEMSX)
    //   r0 = *(u16 *)skb[0xc] | r0 = *(u8 *)skb[r3 + 0x1]           LD_ABS, LD_IND
    //   *(u64 *)(r10 - 0x8) = r1 | *(u32 *)(r1 + 0x0) = 0x2a        STX, ST
    //   lock *(u64 *)(r1 + 0x0) += r2                                atomics without a result
    //   r2 = atomic_fetch_or((u64 *)(r1 + 0x0), r2) | r2 = xchg_64(r1 + 0x0, r2)
    //   r0 = cmpxchg_64(r1 + 0x0, r0, r2) | w0 = load_acquire((u8 *)(r1 + 0x0))
    //   store_release((u16 *)(r1 + 0x0), w2)
    //   ld_pseudo r1, 0x2, 0x5, 0x10                                 ld_imm64 with a pseudo source
    private void ParseLoad(Reg dst, bool word)
    {
        ExpectPunct("*");
        var typeToken = PeekAt(1);
        var (size, signed) = ExpectPointerType();
        if (IsWord(Peek, "skb"))
        {
            ParsePacketLoad(dst, word, size, signed, typeToken);
            return;
        }
        ExpectPunct("(");
        var (src, offset) = ExpectAddress();
        ExpectPunct(")");
        if (signed && size == Size.DWord)
        {
            throw Error(typeToken, "there is no sign-extending 64-bit load; use u64");
        }
        if (word && (signed || size == Size.DWord))
        {
            throw Error(typeToken, "only zero-extending loads of 8 to 32 bits can name a 32-bit register");
        }
        _output.Emit(signed ? Insn.LdxSx(size, dst, src, offset) : Insn.Ldx(size, dst, src, offset));
    }

    private void ParsePacketLoad(Reg dst, bool word, Size size, bool signed, AsmToken typeToken)
    {
        _pos++;
        if (dst != Reg.R0 || word)
        {
            throw Error(typeToken, "legacy packet loads always load into r0");
        }
        RejectSigned(typeToken, signed, "a legacy packet load");
        if (size == Size.DWord)
        {
            throw Error(typeToken, "legacy packet loads read 8, 16 or 32 bits");
        }
        ExpectPunct("[");
        if (PeekRegister())
        {
            var src = ExpectRegister(word: false);
            var imm = IsPunct(Peek, "+") || IsPunct(Peek, "-") ? ExpectImm32(ImmRange.Signed, "an offset") : 0;
            ExpectPunct("]");
            _output.Emit(Insn.LdInd(size, src, imm));
            return;
        }
        var offset = ExpectImm32(ImmRange.Signed, "an offset");
        ExpectPunct("]");
        _output.Emit(Insn.LdAbs(size, offset));
    }

    private void ParseStore()
    {
        var typeToken = PeekAt(2);
        var (size, signed, dst, offset) = ExpectMemory();
        RejectSigned(typeToken, signed, "a store");
        ExpectPunct("=");
        if (PeekRegister())
        {
            var valueToken = Peek;
            var src = ExpectRegister(out var word);
            if (word && size == Size.DWord)
            {
                throw Error(valueToken, "a 64-bit store takes a 64-bit register");
            }
            _output.Emit(Insn.Stx(size, dst, offset, src));
            return;
        }
        var imm = ExpectImm32(size == Size.DWord ? ImmRange.Signed : ImmRange.Bits32);
        _output.Emit(Insn.St(size, dst, offset, imm));
    }

    private void ParseAtomicUpdate()
    {
        _pos++; // lock
        var typeToken = PeekAt(2);
        var (size, signed, dst, offset) = ExpectMemory();
        RejectSigned(typeToken, signed, "an atomic");
        RequireAtomicSize(typeToken, size);
        var opToken = Peek;
        if (opToken.Kind != AsmTokenKind.Punct || !AsmSyntax.TryParseAtomicOperator(TextOf(opToken), out var op))
        {
            throw Error(opToken, $"expected +=, |=, &= or ^=, found {Describe(opToken)}");
        }
        _pos++;
        var valueToken = Peek;
        var src = ExpectRegister(out var word);
        if (word && size == Size.DWord)
        {
            throw Error(valueToken, "a 64-bit atomic takes a 64-bit register");
        }
        _output.Emit(Insn.Atomic(size, op, dst, offset, src));
    }

    /// <summary>The atomics written <c>reg = function(...)</c>; the name is the current token.</summary>
    private void ParseAtomicWithResult(Reg result, bool word)
    {
        var nameToken = Next();
        var name = TextOf(nameToken);
        if (AsmSyntax.TryParseAtomicFetchFunction(name, out var fetchOp))
        {
            ExpectPunct("(");
            var size = ExpectAtomicPointerType(word);
            ExpectPunct("(");
            var (dst, offset) = ExpectAddress();
            ExpectPunct(")");
            ExpectPunct(",");
            ExpectSameRegister(result, word);
            ExpectPunct(")");
            _output.Emit(Insn.Atomic(size, fetchOp, dst, offset, result));
            return;
        }
        if (name.SequenceEqual("load_acquire"))
        {
            ExpectPunct("(");
            var typeToken = PeekAt(1);
            var (size, signed) = ExpectPointerType();
            RejectSigned(typeToken, signed, "load_acquire");
            if (word == (size == Size.DWord))
            {
                throw Error(typeToken, "load_acquire of u64 loads an r register, of u8 to u32 a w register");
            }
            ExpectPunct("(");
            var (src, offset) = ExpectAddress();
            ExpectPunct(")");
            ExpectPunct(")");
            _output.Emit(Insn.LoadAcquire(size, result, src, offset));
            return;
        }
        var (isXchg, isCmpxchg) = (name is "xchg_64" or "xchg32_32", name is "cmpxchg_64" or "cmpxchg32_32");
        if (!isXchg && !isCmpxchg)
        {
            throw Error(nameToken, $"unknown operation '{name}'");
        }
        if (word != name.EndsWith("32_32"))
        {
            throw Error(nameToken, $"{name} works on {(word ? "64-bit r" : "32-bit w")} registers");
        }
        ExpectPunct("(");
        var (address, displacement) = ExpectAddress();
        ExpectPunct(",");
        if (isCmpxchg)
        {
            if (result != Reg.R0)
            {
                throw Error(nameToken, "cmpxchg always returns the old value in r0");
            }
            ExpectSameRegister(Reg.R0, word);
            ExpectPunct(",");
            var src = ExpectRegister(word);
            ExpectPunct(")");
            _output.Emit(Insn.AtomicCmpxchg(word ? Size.Word : Size.DWord, address, displacement, src));
            return;
        }
        ExpectSameRegister(result, word);
        ExpectPunct(")");
        _output.Emit(Insn.AtomicXchg(word ? Size.Word : Size.DWord, address, displacement, result));
    }

    private void ParseStoreRelease()
    {
        _pos++; // store_release
        ExpectPunct("(");
        var typeToken = PeekAt(1);
        var (size, signed) = ExpectPointerType();
        RejectSigned(typeToken, signed, "store_release");
        ExpectPunct("(");
        var (dst, offset) = ExpectAddress();
        ExpectPunct(")");
        ExpectPunct(",");
        var src = ExpectRegister(word: size != Size.DWord);
        ExpectPunct(")");
        _output.Emit(Insn.StoreRelease(size, dst, offset, src));
    }

    private void ParsePseudoLoad()
    {
        _pos++; // ld_pseudo
        var dst = ExpectRegister(word: false);
        ExpectPunct(",");
        var sourceToken = Peek;
        var source = (PseudoSource)ExpectInteger("a pseudo source", 0, byte.MaxValue);
        if (source is PseudoSource.None or > PseudoSource.MapIdxValue)
        {
            throw Error(sourceToken, source == PseudoSource.None
                ? "pseudo source 0 is a plain constant: write 'rN = 0x... ll'"
                : $"pseudo source {(int)source} is not one of 1 to 6 (map fd, map value, BTF id, function, map index, map index value)");
        }
        ExpectPunct(",");
        var low = 0;
        if (source == PseudoSource.Func && Peek.Kind == AsmTokenKind.Identifier)
        {
            ExpectLabel(AsmFixupKind.Function);
        }
        else
        {
            low = ExpectImm32(ImmRange.Bits32);
        }
        var high = 0;
        if (TryPunct(","))
        {
            var highToken = Peek;
            high = ExpectImm32(ImmRange.Bits32, "a second operand");
            if (high != 0 && source is PseudoSource.MapFd or PseudoSource.MapIdx)
            {
                throw Error(highToken, "a map fd or map index load has no second operand (the kernel requires 0)");
            }
        }
        var first = new Insn(0x18, dst, (Reg)source, 0, low);
        _output.Emit(new InsnPair(first, new Insn(0, Reg.R0, Reg.R0, 0, high)));
    }

    private Size ExpectAtomicPointerType(bool word)
    {
        var typeToken = PeekAt(1);
        var (size, signed) = ExpectPointerType();
        RejectSigned(typeToken, signed, "an atomic");
        RequireAtomicSize(typeToken, size);
        if (word != (size == Size.Word))
        {
            throw Error(typeToken, "atomics on u32 use w registers, on u64 r registers");
        }
        return size;
    }

    private void RequireAtomicSize(AsmToken at, Size size)
    {
        if (size is not (Size.Word or Size.DWord))
        {
            throw Error(at, "atomic read-modify-write operations act on u32 or u64");
        }
    }
}
