namespace BpfLinq.Compiler.Isa;

/// <summary>What kind of word an <see cref="AsmToken"/> is.</summary>
internal enum AsmTokenKind : byte
{
    /// <summary>A name: mnemonic, register, label, <c>u32</c>, <c>.8byte</c>.</summary>
    Identifier,
    /// <summary>A non-negative integer, decimal or <c>0x</c> hex; a sign is a separate token.</summary>
    Number,
    /// <summary>An operator or punctuation: <c>=</c>, <c>+=</c>, <c>s&gt;&gt;=</c>, <c>(</c>, <c>,</c>, ...</summary>
    Punct,
    /// <summary>The end of the statement (end of line or start of a comment).</summary>
    End,
}

/// <summary>One token of a line of assembly: a slice of the source text.</summary>
/// <param name="Kind">The token's kind.</param>
/// <param name="Start">Index of its first character in the whole source text.</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Value">The value of a <see cref="AsmTokenKind.Number"/>.</param>
internal readonly record struct AsmToken(AsmTokenKind Kind, int Start, int Length, ulong Value);
