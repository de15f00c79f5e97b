namespace BpfLinq.Compiler.Isa;

/// <summary>
/// Splits one line of assembly into tokens. Hand-written (no regex): names, numbers and the
/// operators of the llvm BPF dialect, longest match first; <c>;</c> or <c>#</c> starts a comment.
/// </summary>
internal static class AsmLexer
{
    // Longest first, so that "<<=" wins over "<=" and "<".
    private static readonly string[] s_operators =
    [
        "<<=", ">>=",
        "==", "!=", ">=", "<=", "+=", "-=", "*=", "/=", "|=", "&=", "%=", "^=",
        "=", "<", ">", "&", "+", "-", "*", "(", ")", "[", "]", ",", ":",
    ];

    /// <summary>Appends the tokens of <c>text[start..end)</c>, then one <see cref="AsmTokenKind.End"/> token.</summary>
    /// <exception cref="AssemblerException">An unexpected character or a malformed number.</exception>
    public static void Tokenize(string text, int start, int end, int line, List<AsmToken> tokens)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is ';' or '#')
            {
                break;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                i = LexNumber(text, i, end, line, start, tokens);
                continue;
            }
            if (IsNameStart(c))
            {
                var nameEnd = i + 1;
                while (nameEnd < end && IsNamePart(text[nameEnd]))
                {
                    nameEnd++;
                }
                // "s" glued to an operator is the signed form of it: s>, s>=, s<, s<=, s>>=, s/=, s%=.
                if (nameEnd == i + 1 && c == 's' && nameEnd < end && text[nameEnd] is '>' or '<' or '/' or '%'
                    && MatchOperator(text, nameEnd, end) is { } signedOp)
                {
                    tokens.Add(new AsmToken(AsmTokenKind.Punct, i, 1 + signedOp.Length, 0));
                    i = nameEnd + signedOp.Length;
                    continue;
                }
                tokens.Add(new AsmToken(AsmTokenKind.Identifier, i, nameEnd - i, 0));
                i = nameEnd;
                continue;
            }
            if (MatchOperator(text, i, end) is { } op)
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punct, i, op.Length, 0));
                i += op.Length;
                continue;
            }
            throw new AssemblerException(line, i - start + 1, $"unexpected character '{c}'");
        }
        tokens.Add(new AsmToken(AsmTokenKind.End, i, 0, 0));
    }

    private static int LexNumber(string text, int i, int end, int line, int lineStart, List<AsmToken> tokens)
    {
        var begin = i;
        var hex = i + 1 < end && text[i] == '0' && text[i + 1] is 'x' or 'X';
        if (hex)
        {
            i += 2;
        }
        var digitsStart = i;
        ulong value = 0;
        var overflow = false;
        while (i < end && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
        {
            var digit = (uint)(char.IsAsciiDigit(text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10);
            var radix = hex ? 16UL : 10UL;
            overflow |= value > (ulong.MaxValue - digit) / radix;
            value = unchecked((value * radix) + digit);
            i++;
        }
        if (i == digitsStart || (i < end && IsNamePart(text[i])))
        {
            while (i < end && IsNamePart(text[i]))
            {
                i++;
            }
            throw new AssemblerException(line, begin - lineStart + 1, $"malformed number '{text[begin..i]}'");
        }
        if (overflow)
        {
            throw new AssemblerException(line, begin - lineStart + 1, $"number '{text[begin..i]}' does not fit in 64 bits");
        }
        tokens.Add(new AsmToken(AsmTokenKind.Number, begin, i - begin, value));
        return i;
    }

    private static string? MatchOperator(string text, int i, int end)
    {
        foreach (var op in s_operators)
        {
            if (i + op.Length <= end && string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return op;
            }
        }
        return null;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or '.';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';
}
