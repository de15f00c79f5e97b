namespace BpfLinq.Compiler.Isa;

/// <summary>
/// The spellings of the llvm-objdump BPF dialect, in one place so that <see cref="Disassembler"/>
/// prints and <see cref="Assembler"/> reads exactly the same words.
/// </summary>
internal static class AsmSyntax
{
    // Each spelling is written once, in a table; printing looks a value up, parsing scans for the text.
    private static readonly ((AluOp Op, bool Signed) Value, string Text)[] s_aluOperators =
    [
        ((AluOp.Add, false), "+="), ((AluOp.Sub, false), "-="), ((AluOp.Mul, false), "*="),
        ((AluOp.Div, false), "/="), ((AluOp.Div, true), "s/="), ((AluOp.Or, false), "|="),
        ((AluOp.And, false), "&="), ((AluOp.Lsh, false), "<<="), ((AluOp.Rsh, false), ">>="),
        ((AluOp.Mod, false), "%="), ((AluOp.Mod, true), "s%="), ((AluOp.Xor, false), "^="),
        ((AluOp.Arsh, false), "s>>="),
    ];

    private static readonly (JmpOp Value, string Text)[] s_jumpOperators =
    [
        (JmpOp.Jeq, "=="), (JmpOp.Jgt, ">"), (JmpOp.Jge, ">="), (JmpOp.Jset, "&"), (JmpOp.Jne, "!="),
        (JmpOp.Jsgt, "s>"), (JmpOp.Jsge, "s>="), (JmpOp.Jlt, "<"), (JmpOp.Jle, "<="), (JmpOp.Jslt, "s<"),
        (JmpOp.Jsle, "s<="),
    ];

    private static readonly ((Size Size, bool Signed) Value, string Text)[] s_memoryTypes =
    [
        ((Size.Byte, false), "u8"), ((Size.Half, false), "u16"), ((Size.Word, false), "u32"), ((Size.DWord, false), "u64"),
        ((Size.Byte, true), "s8"), ((Size.Half, true), "s16"), ((Size.Word, true), "s32"), ((Size.DWord, true), "s64"),
    ];

    private static readonly (AtomicOp Value, string Text)[] s_atomicOperators =
    [
        (AtomicOp.Add, "+="), (AtomicOp.Or, "|="), (AtomicOp.And, "&="), (AtomicOp.Xor, "^="),
    ];

    private static readonly (AtomicOp Value, string Text)[] s_atomicFetchFunctions =
    [
        (AtomicOp.Add | AtomicOp.Fetch, "atomic_fetch_add"), (AtomicOp.Or | AtomicOp.Fetch, "atomic_fetch_or"),
        (AtomicOp.And | AtomicOp.Fetch, "atomic_fetch_and"), (AtomicOp.Xor | AtomicOp.Fetch, "atomic_fetch_xor"),
    ];

    /// <summary>The compound-assignment operator of a two-operand ALU operation (<c>+=</c>, <c>s/=</c>, ...), or null.</summary>
    public static string? AluOperator(AluOp op, bool signed) => Print(s_aluOperators, (op, signed));

    /// <summary>The inverse of <see cref="AluOperator"/>.</summary>
    public static bool TryParseAluOperator(ReadOnlySpan<char> text, out AluOp op, out bool signed)
    {
        var found = TryParse(s_aluOperators, text, out var value);
        (op, signed) = value;
        return found;
    }

    /// <summary>The comparison operator of a conditional jump (<c>==</c>, <c>s&lt;=</c>, ...), or null.</summary>
    public static string? JumpOperator(JmpOp op) => Print(s_jumpOperators, op);

    /// <summary>The inverse of <see cref="JumpOperator"/>.</summary>
    public static bool TryParseJumpOperator(ReadOnlySpan<char> text, out JmpOp op) => TryParse(s_jumpOperators, text, out op);

    /// <summary>The C type of a memory access: <c>u8</c>..<c>u64</c>, or <c>s8</c>..<c>s64</c> when signed.</summary>
    public static string MemoryType(Size size, bool signed) => Print(s_memoryTypes, (size, signed))!;

    /// <summary>The inverse of <see cref="MemoryType"/>.</summary>
    public static bool TryParseMemoryType(ReadOnlySpan<char> text, out Size size, out bool signed)
    {
        var found = TryParse(s_memoryTypes, text, out var value);
        (size, signed) = value;
        return found;
    }

    /// <summary>The width in bits of a memory access.</summary>
    public static int Bits(Size size) => size switch
    {
        Size.Byte => 8,
        Size.Half => 16,
        Size.Word => 32,
        _ => 64,
    };

    /// <summary>The operator of a non-fetching atomic read-modify-write (<c>lock *(u64 *)(r1 + 0x0) += r2</c>), or null.</summary>
    public static string? AtomicOperator(AtomicOp op) => Print(s_atomicOperators, op);

    /// <summary>The inverse of <see cref="AtomicOperator"/>.</summary>
    public static bool TryParseAtomicOperator(ReadOnlySpan<char> text, out AtomicOp op) => TryParse(s_atomicOperators, text, out op);

    /// <summary>The function name of a fetching atomic (<c>atomic_fetch_add</c>, ...), or null.</summary>
    public static string? AtomicFetchFunction(AtomicOp op) => Print(s_atomicFetchFunctions, op);

    /// <summary>The inverse of <see cref="AtomicFetchFunction"/>.</summary>
    public static bool TryParseAtomicFetchFunction(ReadOnlySpan<char> text, out AtomicOp op) => TryParse(s_atomicFetchFunctions, text, out op);

    private static string? Print<T>((T Value, string Text)[] table, T value)
    {
        foreach (var entry in table)
        {
            if (EqualityComparer<T>.Default.Equals(entry.Value, value))
            {
                return entry.Text;
            }
        }
        return null;
    }

    private static bool TryParse<T>((T Value, string Text)[] table, ReadOnlySpan<char> text, out T value)
    {
        foreach (var entry in table)
        {
            if (text.SequenceEqual(entry.Text))
            {
                value = entry.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>The mnemonic of a byte swap: <c>le</c>/<c>be</c> (ALU, by byte order) or <c>bswap</c> (ALU64).</summary>
    public static string ByteSwapName(InsnClass cls, ByteOrder order) =>
        cls == InsnClass.Alu64 ? "bswap" : order == ByteOrder.ToBe ? "be" : "le";
}
