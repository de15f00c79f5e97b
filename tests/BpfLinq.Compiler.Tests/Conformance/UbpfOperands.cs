using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// The operands of the uBPF assembler syntax: <c>%rN</c> registers, <c>[%rN+off]</c> memory,
/// immediates and relative jump targets. Every malformed operand throws a
/// <see cref="FormatException"/> whose message starts as upstream's does where upstream has one
/// (<c>Invalid register: %r50</c>), so the <c>negative/</c> files can be checked against it.
/// </summary>
internal static class UbpfOperands
{
    /// <summary><c>%r0</c> to <c>%r10</c>.</summary>
    public static Reg Register(string operand)
    {
        if (!operand.StartsWith("%r", StringComparison.Ordinal)
            || !int.TryParse(operand.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > 10)
        {
            throw new FormatException($"Invalid register: {operand}");
        }
        return (Reg)number;
    }

    /// <summary><c>[%rN]</c>, <c>[%rN+off]</c> or <c>[%rN-off]</c>; the offset must fit 16 bits signed.</summary>
    public static (Reg Register, short Offset) Memory(string operand)
    {
        if (operand.Length < 2 || operand[0] != '[' || operand[^1] != ']')
        {
            throw new FormatException($"Failed to decode register and offset: {operand}");
        }
        var inner = operand[1..^1];
        var sign = inner.IndexOfAny(['+', '-']);
        if (sign < 0)
        {
            return (Register(inner), 0);
        }
        var offset = Signed(inner[sign..], operand);
        if (offset is < short.MinValue or > short.MaxValue)
        {
            throw new FormatException($"Offset out of range: {operand}");
        }
        return (Register(inner[..sign]), (short)offset);
    }

    /// <summary>
    /// A 32-bit immediate: decimal must fit <c>int32</c>; <c>0x</c> hex must fit 32 bits unsigned and
    /// is kept as the bit pattern (<c>0xffffffff</c> is -1, which 64-bit operations sign-extend).
    /// </summary>
    public static int Imm32(string operand)
    {
        var value = Signed(operand, operand);
        var isHex = operand.TrimStart('+', '-').StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var fits = isHex && value >= 0 ? value <= uint.MaxValue : value is >= int.MinValue and <= int.MaxValue;
        return fits ? unchecked((int)value) : throw new FormatException($"Immediate out of range: {operand}");
    }

    /// <summary>The 64-bit constant of <c>lddw</c>: hex as an unsigned bit pattern, or signed decimal.</summary>
    public static long Imm64(string operand)
    {
        if (operand.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(operand.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
        {
            return unchecked((long)bits);
        }
        return long.TryParse(operand, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Invalid immediate: {operand}");
    }

    /// <summary>True when a jump target is a relative slot count (<c>+N</c> / <c>-N</c>) rather than a label.</summary>
    public static bool IsRelative(string target) => target.Length > 1 && target[0] is '+' or '-';

    /// <summary>A relative slot count, <c>+N</c> or <c>-N</c>, decimal or hex.</summary>
    public static long Relative(string target) => Signed(target, target);

    /// <summary>An optionally signed decimal or <c>0x</c> hex number, widened so callers can range-check it.</summary>
    private static long Signed(string text, string operand)
    {
        var negative = text.StartsWith('-');
        var body = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        var parsed = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var magnitude)
            : ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        if (!parsed)
        {
            throw new FormatException($"Invalid number: {operand}");
        }
        if (magnitude > long.MaxValue)
        {
            throw new FormatException($"Immediate out of range: {operand}");
        }
        return negative ? -(long)magnitude : (long)magnitude;
    }
}
