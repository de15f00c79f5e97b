namespace BpfLinq.Compiler.Isa;

internal sealed partial class AsmParser
{
    /// <summary>How a 32-bit immediate field is read, which decides the accepted range.</summary>
    private enum ImmRange : byte
    {
        /// <summary>Sign-extended to 64 bits: -0x80000000..0x7fffffff only, so that 0xffffffff cannot silently mean -1.</summary>
        Signed,
        /// <summary>Used at 32 bits (ALU32, JMP32, narrow stores, ld_pseudo): also 0x80000000..0xffffffff.</summary>
        Bits32,
    }

    /// <summary><c>r0</c>..<c>r10</c> or <c>w0</c>..<c>w10</c>.</summary>
    private static bool TryParseRegister(ReadOnlySpan<char> text, out Reg reg, out bool word)
    {
        reg = default;
        word = text.Length > 0 && text[0] == 'w';
        if (text.Length is < 2 or > 3 || text[0] is not ('r' or 'w') || !char.IsAsciiDigit(text[1]))
        {
            return false;
        }
        var number = text[1] - '0';
        if (text.Length == 3)
        {
            if (number == 0 || !char.IsAsciiDigit(text[2]))
            {
                return false;
            }
            number = (number * 10) + (text[2] - '0');
        }
        reg = (Reg)number;
        return number <= 10;
    }

    /// <summary>Reads a register of either width.</summary>
    private Reg ExpectRegister(out bool word)
    {
        var token = Peek;
        if (token.Kind == AsmTokenKind.Identifier && TryParseRegister(TextOf(token), out var reg, out word))
        {
            _pos++;
            return reg;
        }
        throw Error(token, LooksLikeRegister(token)
            ? $"there is no register {TextOf(token)} (eBPF has r0 to r10)"
            : $"expected a register, found {Describe(token)}");
    }

    /// <summary>r or w followed by digits: a register name, possibly out of range (r11).</summary>
    private bool LooksLikeRegister(AsmToken token)
    {
        var text = TextOf(token);
        return token.Kind == AsmTokenKind.Identifier && text.Length > 1 && text[0] is 'r' or 'w'
            && !text[1..].ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Reads a register that must have the given width: <c>rN</c> (64-bit) or <c>wN</c> (32-bit).</summary>
    private Reg ExpectRegister(bool word)
    {
        var token = Peek;
        var reg = ExpectRegister(out var actual);
        if (actual != word)
        {
            throw Error(token, $"expected a {(word ? "32-bit register w" : "64-bit register r")}{(int)reg} here, found {TextOf(token)}");
        }
        return reg;
    }

    /// <summary>Reads a register that must repeat an earlier one (<c>r1 = -r1</c>, <c>r2 = xchg_64(r1 + 0x0, r2)</c>).</summary>
    private void ExpectSameRegister(Reg expected, bool word)
    {
        var token = Peek;
        var reg = ExpectRegister(word);
        if (reg != expected)
        {
            throw Error(token, $"expected {(word ? 'w' : 'r')}{(int)expected} (the same register as before), found {TextOf(token)}");
        }
    }

    private bool PeekRegister() => Peek.Kind == AsmTokenKind.Identifier && TryParseRegister(TextOf(Peek), out _, out _);

    private bool PeekNumber() =>
        Peek.Kind == AsmTokenKind.Number
        || ((IsPunct(Peek, "-") || IsPunct(Peek, "+")) && PeekAt(1).Kind == AsmTokenKind.Number);

    /// <summary>An unsigned number token.</summary>
    private ulong ExpectNumber(string what)
    {
        var token = Peek;
        if (token.Kind != AsmTokenKind.Number)
        {
            throw Error(token, LooksLikeRegister(token)
                ? $"there is no register {TextOf(token)} (eBPF has r0 to r10)"
                : $"expected {what}, found {Describe(token)}");
        }
        _pos++;
        return token.Value;
    }

    /// <summary>An integer with an optional sign, within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private long ExpectInteger(string what, long min, long max)
    {
        var start = Peek;
        var negative = TryPunct("-");
        if (!negative)
        {
            TryPunct("+");
        }
        var magnitude = ExpectNumber(what);
        // Compare magnitudes in ulong: the bounds of long themselves (2^63) must not overflow.
        var fits = negative
            ? magnitude <= (min < 0 ? unchecked(0UL - (ulong)min) : 0)
            : max >= 0 && magnitude <= (ulong)max;
        if (!fits)
        {
            throw Error(start, $"{what} {SourceText(start)} is out of range ({FormatBound(min)} to {FormatBound(max)})");
        }
        return negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude;
    }

    /// <summary>A 32-bit immediate; see <see cref="ImmRange"/>.</summary>
    private int ExpectImm32(ImmRange range, string what = "an immediate")
    {
        if (range == ImmRange.Bits32)
        {
            return unchecked((int)ExpectInteger(what, int.MinValue, uint.MaxValue));
        }
        var start = Peek;
        var value = ExpectInteger(what, int.MinValue, uint.MaxValue);
        if (value > int.MaxValue)
        {
            throw Error(start, $"{what} {SourceText(start)} does not fit a sign-extended 32-bit field; "
                + $"write {FormatBound(unchecked((int)value))} for the same bits, or load 64 bits with 'rN = {SourceText(start)} ll'");
        }
        return (int)value;
    }

    /// <summary>A 64-bit immediate: -0x8000000000000000..0xffffffffffffffff (the bits, as <c>ll</c> loads them).</summary>
    private long ExpectImm64()
    {
        var start = Peek;
        var negative = TryPunct("-");
        if (!negative)
        {
            TryPunct("+");
        }
        var magnitude = ExpectNumber("a 64-bit immediate");
        if (negative && magnitude > 1UL << 63)
        {
            throw Error(start, $"64-bit immediate {SourceText(start)} is out of range (-0x8000000000000000 to 0xffffffffffffffff)");
        }
        return unchecked(negative ? (long)(0UL - magnitude) : (long)magnitude);
    }

    /// <summary>A signed 16-bit jump distance or displacement with a sign: <c>+0x2</c>, <c>-0x8</c>.</summary>
    private short ExpectOffset(string what) => (short)ExpectInteger(what, short.MinValue, short.MaxValue);

    /// <summary><c>rN + 0x8</c> or <c>rN - 0x8</c>: a base register and a 16-bit displacement.</summary>
    private (Reg Base, short Offset) ExpectAddress()
    {
        var reg = ExpectRegister(word: false);
        if (!IsPunct(Peek, "+") && !IsPunct(Peek, "-"))
        {
            throw Error(Peek, $"expected '+' or '-' and a displacement, found {Describe(Peek)}");
        }
        return (reg, ExpectOffset("displacement"));
    }

    /// <summary><c>(u32 *)</c>: the type of a memory access.</summary>
    private (Size Size, bool Signed) ExpectPointerType()
    {
        ExpectPunct("(");
        var token = Peek;
        if (token.Kind != AsmTokenKind.Identifier || !AsmSyntax.TryParseMemoryType(TextOf(token), out var size, out var signed))
        {
            throw Error(token, $"expected an access type (u8, u16, u32, u64, s8, s16, s32), found {Describe(token)}");
        }
        _pos++;
        ExpectPunct("*");
        ExpectPunct(")");
        return (size, signed);
    }

    /// <summary><c>*(u32 *)(r1 + 0x8)</c>: a typed memory operand.</summary>
    private (Size Size, bool Signed, Reg Base, short Offset) ExpectMemory()
    {
        ExpectPunct("*");
        var (size, signed) = ExpectPointerType();
        ExpectPunct("(");
        var (reg, offset) = ExpectAddress();
        ExpectPunct(")");
        return (size, signed, reg, offset);
    }

    private void RejectSigned(AsmToken at, bool signed, string where)
    {
        if (signed)
        {
            throw Error(at, $"{where} takes an unsigned access type (u8, u16, u32, u64)");
        }
    }

    /// <summary>A label reference: records a fixup for the instruction about to be emitted.</summary>
    private void ExpectLabel(AsmFixupKind kind)
    {
        var token = Peek;
        if (token.Kind != AsmTokenKind.Identifier || TryParseRegister(TextOf(token), out _, out _))
        {
            throw Error(token, $"expected a signed distance such as +0x2 or a label, found {Describe(token)}");
        }
        _pos++;
        _output.Reference(kind, TextOf(token).ToString(), _line, ColumnOf(token));
    }

    /// <summary>The source text from <paramref name="first"/> to the last consumed token (<c>-0x10</c> with its sign).</summary>
    private string SourceText(AsmToken first)
    {
        var last = _tokens[_pos - 1];
        return _text[first.Start..(last.Start + last.Length)];
    }

    private static string FormatBound(long value) =>
        value < 0 ? $"-0x{unchecked(0UL - (ulong)value):x}" : $"0x{value:x}";
}
