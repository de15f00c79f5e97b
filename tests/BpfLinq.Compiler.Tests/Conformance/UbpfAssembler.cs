using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Reads the uBPF assembler syntax the conformance cases are written in (test code only; the
/// product assembler reads llvm-objdump syntax). Grammar: Data/README.md. Instructions are built
/// with the raw <see cref="Insn"/> constructor from the encoding tables, independently of the
/// product builders, so the suite checks our encoding rather than reusing it.
/// </summary>
/// <remarks>
/// Errors are <see cref="FormatException"/>s worded as upstream's assembler words them
/// (<c>Invalid mnemonic: ldxq</c>, <c>Invalid label: NOT_A_LABEL</c>, <c>Invalid number of operands
/// for lock</c>); where upstream silently truncates (a 33-bit immediate, a 17-bit offset) we refuse,
/// as the grammar's ranges and the <c>negative/</c> files say an assembler should.
/// </remarks>
internal static class UbpfAssembler
{
    private static readonly Dictionary<string, byte> s_aluOps = new(StringComparer.Ordinal)
    {
        ["add"] = 0x00, ["sub"] = 0x10, ["mul"] = 0x20, ["div"] = 0x30, ["or"] = 0x40, ["and"] = 0x50,
        ["lsh"] = 0x60, ["rsh"] = 0x70, ["neg"] = 0x80, ["mod"] = 0x90, ["xor"] = 0xa0, ["mov"] = 0xb0,
        ["arsh"] = 0xc0, ["sdiv"] = 0x30, ["smod"] = 0x90,
    };

    private static readonly Dictionary<string, byte> s_jmpOps = new(StringComparer.Ordinal)
    {
        ["jeq"] = 0x10, ["jgt"] = 0x20, ["jge"] = 0x30, ["jset"] = 0x40, ["jne"] = 0x50, ["jsgt"] = 0x60,
        ["jsge"] = 0x70, ["jlt"] = 0xa0, ["jle"] = 0xb0, ["jslt"] = 0xc0, ["jsle"] = 0xd0,
    };

    private static readonly Dictionary<string, byte> s_sizes = new(StringComparer.Ordinal)
    {
        ["b"] = 0x10, ["h"] = 0x08, ["w"] = 0x00, ["dw"] = 0x18,
    };

    // Byte-order prefixes: le -> ALU|END|TO_LE (0xd4), be -> ALU|END|TO_BE (0xdc), (b)swap -> ALU64|END (0xd7).
    private static readonly (string Prefix, byte Code)[] s_byteOrders = [("le", 0xd4), ("be", 0xdc), ("bswap", 0xd7), ("swap", 0xd7)];

    private static readonly Dictionary<string, int> s_atomicOps = new(StringComparer.Ordinal)
    {
        ["add"] = 0x00, ["or"] = 0x40, ["and"] = 0x50, ["xor"] = 0xa0, ["xchg"] = 0xe1, ["cmpxchg"] = 0xf1,
    };

    /// <summary>Assembles the lines of an <c>-- asm</c> section into instruction slots.</summary>
    /// <exception cref="FormatException">A line is not valid uBPF assembler; the message says what.</exception>
    public static Insn[] Assemble(IReadOnlyList<string> lines)
    {
        // Pass 1: slot index of every label; "exit" also names the first exit instruction.
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var statements = new List<string[]>();
        var slot = 0;
        foreach (var line in lines)
        {
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(token => token.EndsWith(',') ? token[..^1] : token)
                .ToArray();
            if (tokens.Length == 0)
            {
                continue;
            }
            if (tokens[0].EndsWith(':'))
            {
                var label = tokens[0][..^1];
                if (!labels.TryAdd(label, slot))
                {
                    throw new FormatException($"Duplicate label: {label}");
                }
                continue;
            }
            if (tokens[0] == "exit")
            {
                labels.TryAdd("exit", slot);
            }
            statements.Add(tokens);
            slot += tokens[0] == "lddw" ? 2 : 1;
        }

        // Pass 2: encode, with labels resolved relative to the slot after each instruction.
        var output = new List<Insn>();
        foreach (var tokens in statements)
        {
            var statement = new Statement(tokens[0], tokens[1..], output.Count, labels);
            output.AddRange(statement.Mnemonic switch
            {
                "lock" => [Atomic(statement)],
                "lddw" => Wide(statement),
                _ => [Encode(statement)],
            });
        }
        return [.. output];
    }

    private static Insn Encode(Statement s)
    {
        var m = s.Mnemonic;
        switch (m)
        {
            case "exit":
                s.Expect(0);
                return new Insn(0x95, 0, 0, 0, 0);
            case "ja":
                s.Expect(1);
                return new Insn(0x05, 0, 0, s.Offset16(0), 0);
            case "ja32":
                s.Expect(1);
                return new Insn(0x06, 0, 0, 0, s.Offset32(0));
            case "call":
                return Call(s);
        }
        if (m.StartsWith("movsx", StringComparison.Ordinal) && MovSx(m) is { } movsx)
        {
            // movsx<N><W>: mov with BPF_X and offset = N, class by W.
            s.Expect(2);
            return new Insn((byte)(movsx.Class | 0xb0 | 0x08), s.Register(0), s.Register(1), movsx.Bits, 0);
        }
        foreach (var (prefix, code) in s_byteOrders)
        {
            if (m.StartsWith(prefix, StringComparison.Ordinal) && m[prefix.Length..] is "16" or "32" or "64")
            {
                s.Expect(1);
                return new Insn(code, s.Register(0), 0, 0, int.Parse(m[prefix.Length..], CultureInfo.InvariantCulture));
            }
        }
        if (m.StartsWith("ldxs", StringComparison.Ordinal) && s_sizes.TryGetValue(m[4..], out var sxSize) && sxSize != 0x18)
        {
            s.Expect(2);
            var (src, off) = UbpfOperands.Memory(s.Operands[1]);
            return new Insn((byte)(0x80 | sxSize | 0x01), s.Register(0), src, off, 0);
        }
        if (m.StartsWith("ldx", StringComparison.Ordinal) && s_sizes.TryGetValue(m[3..], out var ldxSize))
        {
            s.Expect(2);
            var (src, off) = UbpfOperands.Memory(s.Operands[1]);
            return new Insn((byte)(0x60 | ldxSize | 0x01), s.Register(0), src, off, 0);
        }
        if (m.StartsWith("stx", StringComparison.Ordinal) && s_sizes.TryGetValue(m[3..], out var stxSize))
        {
            s.Expect(2);
            var (dst, off) = UbpfOperands.Memory(s.Operands[0]);
            return new Insn((byte)(0x60 | stxSize | 0x03), dst, s.Register(1), off, 0);
        }
        if (m.StartsWith("st", StringComparison.Ordinal) && s_sizes.TryGetValue(m[2..], out var stSize))
        {
            s.Expect(2);
            var (dst, off) = UbpfOperands.Memory(s.Operands[0]);
            return new Insn((byte)(0x60 | stSize | 0x02), dst, 0, off, UbpfOperands.Imm32(s.Operands[1]));
        }
        var is32 = m.EndsWith("32", StringComparison.Ordinal);
        if (s_jmpOps.TryGetValue(is32 ? m[..^2] : m, out var jmp))
        {
            s.Expect(3);
            var cls = is32 ? 0x06 : 0x05;
            return s.IsRegister(1)
                ? new Insn((byte)(jmp | 0x08 | cls), s.Register(0), s.Register(1), s.Offset16(2), 0)
                : new Insn((byte)(jmp | cls), s.Register(0), 0, s.Offset16(2), UbpfOperands.Imm32(s.Operands[1]));
        }
        var aluName = is32 || m.EndsWith("64", StringComparison.Ordinal) ? m[..^2] : m;
        if (s_aluOps.TryGetValue(aluName, out var alu))
        {
            var cls = is32 ? 0x04 : 0x07;
            if (aluName == "neg")
            {
                s.Expect(1);
                return new Insn((byte)(alu | cls), s.Register(0), 0, 0, 0);
            }
            s.Expect(2);
            var signed = (short)(aluName is "sdiv" or "smod" ? 1 : 0);
            return s.IsRegister(1)
                ? new Insn((byte)(alu | 0x08 | cls), s.Register(0), s.Register(1), signed, 0)
                : new Insn((byte)(alu | cls), s.Register(0), 0, signed, UbpfOperands.Imm32(s.Operands[1]));
        }
        throw new FormatException($"Invalid mnemonic: {m}");
    }

    private static Insn[] Wide(Statement s)
    {
        s.Expect(2);
        var value = UbpfOperands.Imm64(s.Operands[1]);
        return [new Insn(0x18, s.Register(0), 0, 0, unchecked((int)value)), new Insn(0x00, 0, 0, 0, (int)(value >> 32))];
    }

    private static Insn Call(Statement s)
    {
        // call N | call helper N | call local label | call runtime N | call %rN (callx, dst_reg)
        if (s.Operands.Length == 1)
        {
            return s.IsRegister(0)
                ? new Insn(0x8d, s.Register(0), 0, 0, 0)
                : new Insn(0x85, 0, 0, 0, UbpfOperands.Imm32(s.Operands[0]));
        }
        s.Expect(2);
        return s.Operands[0] switch
        {
            "helper" => new Insn(0x85, 0, 0, 0, UbpfOperands.Imm32(s.Operands[1])),
            "local" => new Insn(0x85, 0, (Reg)1, 0, s.Offset32(1)),
            "runtime" => new Insn(0x85, 0, (Reg)2, 0, UbpfOperands.Imm32(s.Operands[1])),
            _ => throw new FormatException($"Invalid call mode: {s.Operands[0]}"),
        };
    }

    private static Insn Atomic(Statement s)
    {
        // lock [fetch] op[32] [dst+off], src
        var fetch = s.Operands.Length > 0 && s.Operands[0] == "fetch";
        var operands = fetch ? s.Operands[1..] : s.Operands;
        if (operands.Length != 3)
        {
            throw new FormatException("Invalid number of operands for lock");
        }
        var is32 = operands[0].EndsWith("32", StringComparison.Ordinal);
        if (!s_atomicOps.TryGetValue(is32 ? operands[0][..^2] : operands[0], out var op) || (fetch && (op & 0x01) != 0))
        {
            throw new FormatException($"Invalid mnemonic: lock {(fetch ? "fetch " : "")}{operands[0]}");
        }
        var (dst, off) = UbpfOperands.Memory(operands[1]);
        return new Insn((byte)(0xc0 | (is32 ? 0x00 : 0x18) | 0x03), dst, UbpfOperands.Register(operands[2]), off, op | (fetch ? 0x01 : 0));
    }

    private static (byte Class, short Bits)? MovSx(string m) => m[5..] switch
    {
        "832" => (0x04, 8),
        "1632" => (0x04, 16),
        "3232" => (0x04, 32),
        "864" => (0x07, 8),
        "1664" => (0x07, 16),
        "3264" => (0x07, 32),
        _ => null,
    };

    /// <summary>One instruction line being encoded: its operands, its slot, and the labels to resolve against.</summary>
    private readonly record struct Statement(string Mnemonic, string[] Operands, int Slot, Dictionary<string, int> Labels)
    {
        public void Expect(int count)
        {
            if (Operands.Length != count)
            {
                throw new FormatException($"Invalid number of operands for mnemonic: {Mnemonic}");
            }
        }

        public bool IsRegister(int index) => Operands[index].StartsWith('%');

        public Reg Register(int index) => UbpfOperands.Register(Operands[index]);

        /// <summary>A jump's 16-bit offset field: <c>+N</c>/<c>-N</c>, or a label as target - (slot + 1).</summary>
        public short Offset16(int index)
        {
            var distance = Distance(Operands[index]);
            return distance is >= short.MinValue and <= short.MaxValue
                ? (short)distance
                : throw new FormatException($"Jump offset out of range: {Operands[index]}");
        }

        /// <summary>The 32-bit distance of <c>ja32</c> and <c>call local</c>.</summary>
        public int Offset32(int index)
        {
            var distance = Distance(Operands[index]);
            return distance is >= int.MinValue and <= int.MaxValue
                ? (int)distance
                : throw new FormatException($"Jump offset out of range: {Operands[index]}");
        }

        private long Distance(string target) =>
            UbpfOperands.IsRelative(target) ? UbpfOperands.Relative(target)
            : Labels.TryGetValue(target, out var slot) ? slot - (Slot + 1L)
            : throw new FormatException($"Invalid label: {target}");
    }
}
