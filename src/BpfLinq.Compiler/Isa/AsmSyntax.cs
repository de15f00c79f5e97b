namespace BpfLinq.Compiler.Isa;

/// <summary>
/// The spellings of the llvm-objdump BPF dialect, in one place so that <see cref="Disassembler"/>
/// prints and <see cref="Assembler"/> reads exactly the same words.
/// </summary>
internal static class AsmSyntax
{
    /// <summary>The compound-assignment operator of a two-operand ALU operation (<c>+=</c>, <c>s/=</c>, ...), or null.</summary>
    public static string? AluOperator(AluOp op, bool signed) => (op, signed) switch
    {
        (AluOp.Add, false) => "+=",
        (AluOp.Sub, false) => "-=",
        (AluOp.Mul, false) => "*=",
        (AluOp.Div, false) => "/=",
        (AluOp.Div, true) => "s/=",
        (AluOp.Or, false) => "|=",
        (AluOp.And, false) => "&=",
        (AluOp.Lsh, false) => "<<=",
        (AluOp.Rsh, false) => ">>=",
        (AluOp.Mod, false) => "%=",
        (AluOp.Mod, true) => "s%=",
        (AluOp.Xor, false) => "^=",
        (AluOp.Arsh, false) => "s>>=",
        _ => null,
    };

    /// <summary>The inverse of <see cref="AluOperator"/>.</summary>
    public static bool TryParseAluOperator(ReadOnlySpan<char> text, out AluOp op, out bool signed)
    {
        (AluOp Op, bool Signed)? parsed = text switch
        {
            "+=" => (AluOp.Add, false),
            "-=" => (AluOp.Sub, false),
            "*=" => (AluOp.Mul, false),
            "/=" => (AluOp.Div, false),
            "s/=" => (AluOp.Div, true),
            "|=" => (AluOp.Or, false),
            "&=" => (AluOp.And, false),
            "<<=" => (AluOp.Lsh, false),
            ">>=" => (AluOp.Rsh, false),
            "%=" => (AluOp.Mod, false),
            "s%=" => (AluOp.Mod, true),
            "^=" => (AluOp.Xor, false),
            "s>>=" => (AluOp.Arsh, false),
            _ => null,
        };
        (op, signed) = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The comparison operator of a conditional jump (<c>==</c>, <c>s&lt;=</c>, ...), or null.</summary>
    public static string? JumpOperator(JmpOp op) => op switch
    {
        JmpOp.Jeq => "==",
        JmpOp.Jgt => ">",
        JmpOp.Jge => ">=",
        JmpOp.Jset => "&",
        JmpOp.Jne => "!=",
        JmpOp.Jsgt => "s>",
        JmpOp.Jsge => "s>=",
        JmpOp.Jlt => "<",
        JmpOp.Jle => "<=",
        JmpOp.Jslt => "s<",
        JmpOp.Jsle => "s<=",
        _ => null,
    };

    /// <summary>The inverse of <see cref="JumpOperator"/>.</summary>
    public static bool TryParseJumpOperator(ReadOnlySpan<char> text, out JmpOp op)
    {
        JmpOp? parsed = text switch
        {
            "==" => JmpOp.Jeq,
            ">" => JmpOp.Jgt,
            ">=" => JmpOp.Jge,
            "&" => JmpOp.Jset,
            "!=" => JmpOp.Jne,
            "s>" => JmpOp.Jsgt,
            "s>=" => JmpOp.Jsge,
            "<" => JmpOp.Jlt,
            "<=" => JmpOp.Jle,
            "s<" => JmpOp.Jslt,
            "s<=" => JmpOp.Jsle,
            _ => null,
        };
        op = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The C type of a memory access: <c>u8</c>..<c>u64</c>, or <c>s8</c>..<c>s64</c> when signed.</summary>
    public static string MemoryType(Size size, bool signed) => (size, signed) switch
    {
        (Size.Byte, false) => "u8",
        (Size.Half, false) => "u16",
        (Size.Word, false) => "u32",
        (Size.DWord, false) => "u64",
        (Size.Byte, true) => "s8",
        (Size.Half, true) => "s16",
        (Size.Word, true) => "s32",
        _ => "s64",
    };

    /// <summary>The inverse of <see cref="MemoryType"/>.</summary>
    public static bool TryParseMemoryType(ReadOnlySpan<char> text, out Size size, out bool signed)
    {
        signed = text.Length > 0 && text[0] == 's';
        Size? parsed = text switch
        {
            "u8" or "s8" => Size.Byte,
            "u16" or "s16" => Size.Half,
            "u32" or "s32" => Size.Word,
            "u64" or "s64" => Size.DWord,
            _ => null,
        };
        size = parsed.GetValueOrDefault();
        return parsed.HasValue;
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
    public static string? AtomicOperator(AtomicOp op) => op switch
    {
        AtomicOp.Add => "+=",
        AtomicOp.Or => "|=",
        AtomicOp.And => "&=",
        AtomicOp.Xor => "^=",
        _ => null,
    };

    /// <summary>The inverse of <see cref="AtomicOperator"/>.</summary>
    public static bool TryParseAtomicOperator(ReadOnlySpan<char> text, out AtomicOp op)
    {
        AtomicOp? parsed = text switch
        {
            "+=" => AtomicOp.Add,
            "|=" => AtomicOp.Or,
            "&=" => AtomicOp.And,
            "^=" => AtomicOp.Xor,
            _ => null,
        };
        op = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The function name of a fetching atomic (<c>atomic_fetch_add</c>, ...), or null.</summary>
    public static string? AtomicFetchFunction(AtomicOp op) => op switch
    {
        AtomicOp.Add | AtomicOp.Fetch => "atomic_fetch_add",
        AtomicOp.Or | AtomicOp.Fetch => "atomic_fetch_or",
        AtomicOp.And | AtomicOp.Fetch => "atomic_fetch_and",
        AtomicOp.Xor | AtomicOp.Fetch => "atomic_fetch_xor",
        _ => null,
    };

    /// <summary>The inverse of <see cref="AtomicFetchFunction"/>.</summary>
    public static bool TryParseAtomicFetchFunction(ReadOnlySpan<char> text, out AtomicOp op)
    {
        AtomicOp? parsed = text switch
        {
            "atomic_fetch_add" => AtomicOp.Add | AtomicOp.Fetch,
            "atomic_fetch_or" => AtomicOp.Or | AtomicOp.Fetch,
            "atomic_fetch_and" => AtomicOp.And | AtomicOp.Fetch,
            "atomic_fetch_xor" => AtomicOp.Xor | AtomicOp.Fetch,
            _ => null,
        };
        op = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The mnemonic of a byte swap: <c>le</c>/<c>be</c> (ALU, by byte order) or <c>bswap</c> (ALU64).</summary>
    public static string ByteSwapName(InsnClass cls, ByteOrder order) =>
        cls == InsnClass.Alu64 ? "bswap" : order == ByteOrder.ToBe ? "be" : "le";
}
