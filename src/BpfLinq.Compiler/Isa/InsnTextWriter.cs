namespace BpfLinq.Compiler.Isa;

/// <summary>
/// Builds one instruction's text in a caller-provided buffer, with the number formats of
/// llvm-objdump: every number in hex, signed ones with a leading <c>-</c>, jump targets with an
/// explicit <c>+</c>. No allocation until <see cref="ToString"/>.
/// </summary>
internal ref struct InsnTextWriter
{
    /// <summary>Enough for the longest instruction text (<c>w0 = cmpxchg32_32(r10 - 0x8000, w0, w10)</c> and the like).</summary>
    public const int Capacity = 96;

    private readonly Span<char> _buffer;
    private int _length;

    public InsnTextWriter(Span<char> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    public readonly ReadOnlySpan<char> Text => _buffer[.._length];

    public void Clear() => _length = 0;

    public void Append(char c) => _buffer[_length++] = c;

    public void Append(scoped ReadOnlySpan<char> text)
    {
        text.CopyTo(_buffer[_length..]);
        _length += text.Length;
    }

    /// <summary><c>r3</c>, or <c>w3</c> for a 32-bit operand.</summary>
    public void Reg(Reg reg, bool word = false)
    {
        Append(word ? 'w' : 'r');
        Decimal((uint)reg);
    }

    /// <summary><c>0x1f</c>.</summary>
    public void Hex(ulong value)
    {
        Append("0x");
        value.TryFormat(_buffer[_length..], out var written, "x", provider: null);
        _length += written;
    }

    /// <summary><c>0x1f</c> or <c>-0x1f</c>.</summary>
    public void SignedHex(long value)
    {
        if (value < 0)
        {
            Append('-');
        }
        // Negating in ulong also gets long.MinValue right: its magnitude 2^63 has no long.
        Hex(value < 0 ? unchecked(0UL - (ulong)value) : (ulong)value);
    }

    /// <summary>A relative jump or call target: <c>+0x2</c>, <c>-0x3</c>, <c>+0x0</c>.</summary>
    public void Relative(long value)
    {
        if (value >= 0)
        {
            Append('+');
        }
        SignedHex(value);
    }

    /// <summary>A memory operand's base and displacement: <c>r1 + 0x8</c>, <c>r10 - 0x10</c>.</summary>
    public void Address(Reg baseReg, short offset)
    {
        Reg(baseReg);
        Append(offset < 0 ? " - " : " + ");
        Hex(offset < 0 ? (ulong)-(long)offset : (ulong)offset);
    }

    /// <summary>A memory access with its type: <c>*(u32 *)(r1 + 0x8)</c>.</summary>
    public void Memory(Size size, bool signed, Reg baseReg, short offset)
    {
        Append("*(");
        Append(AsmSyntax.MemoryType(size, signed));
        Append(" *)(");
        Address(baseReg, offset);
        Append(')');
    }

    public override readonly string ToString() => new(Text);

    private void Decimal(uint value)
    {
        value.TryFormat(_buffer[_length..], out var written, provider: null);
        _length += written;
    }
}
