using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Reads the uBPF assembler syntax the conformance cases are written in (test code only; the
/// product assembler reads llvm-objdump syntax). Grammar: shared/conformance/README.md. Instructions
/// are built with the raw <see cref="Insn"/> constructor from the encoding tables, independently of
/// the product builders, so the suite checks our encoding rather than reusing it.
/// </summary>
internal static class UbpfAssembler
{
    private static readonly Dictionary<string, byte> s_aluOps = new()
    {
        ["add"] = 0x00, ["sub"] = 0x10, ["mul"] = 0x20, ["div"] = 0x30, ["or"] = 0x40, ["and"] = 0x50,
        ["lsh"] = 0x60, ["rsh"] = 0x70, ["neg"] = 0x80, ["mod"] = 0x90, ["xor"] = 0xa0, ["mov"] = 0xb0,
        ["arsh"] = 0xc0, ["sdiv"] = 0x30, ["smod"] = 0x90,
    };

    private static readonly Dictionary<string, byte> s_jmpOps = new()
    {
        ["jeq"] = 0x10, ["jgt"] = 0x20, ["jge"] = 0x30, ["jset"] = 0x40, ["jne"] = 0x50, ["jsgt"] = 0x60,
        ["jsge"] = 0x70, ["jlt"] = 0xa0, ["jle"] = 0xb0, ["jslt"] = 0xc0, ["jsle"] = 0xd0,
    };

    private static readonly Dictionary<string, byte> s_sizes = new() { ["b"] = 0x10, ["h"] = 0x08, ["w"] = 0x00, ["dw"] = 0x18 };

    private static readonly Dictionary<string, int> s_atomicOps = new()
    {
        ["add"] = 0x00, ["or"] = 0x40, ["and"] = 0x50, ["xor"] = 0xa0, ["xchg"] = 0xe1, ["cmpxchg"] = 0xf1,
    };

    /// <summary>Assembles the lines of an <c>-- asm</c> section into instruction slots.</summary>
    public static Insn[] Assemble(IReadOnlyList<string> lines)
    {
        // Pass 1: slot index of every label; "exit" names the first exit instruction.
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var statements = new List<string[]>();
        var slot = 0;
        foreach (var line in lines)
        {
            if (line.EndsWith(':'))
            {
                labels[line[..^1]] = slot;
                continue;
            }
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.TrimEnd(','))
                .ToArray();
            if (tokens[0] == "exit")
            {
                labels.TryAdd("exit", slot);
            }
            statements.Add(tokens);
            slot += tokens[0] == "lddw" ? 2 : 1;
        }

        var output = new List<Insn>();
        foreach (var tokens in statements)
        {
            AssembleOne(tokens, output, labels);
        }
        return output.ToArray();
    }

    private static void AssembleOne(string[] t, List<Insn> output, Dictionary<string, int> labels)
    {
        var m = t[0];
        var pc = output.Count;
        int Target(string s) => s[0] is '+' or '-' ? ParseInt(s) : labels[s] - (pc + 1);

        if (m == "exit")
        {
            output.Add(new Insn(0x95, 0, 0, 0, 0));
        }
        else if (m == "lddw")
        {
            var value = ParseImm64(t[2]);
            output.Add(new Insn(0x18, Register(t[1]), 0, 0, (int)(uint)value));
            output.Add(new Insn(0x00, 0, 0, 0, (int)(uint)(value >> 32)));
        }
        else if (m == "ja" || m == "ja32")
        {
            output.Add(m == "ja" ? new Insn(0x05, 0, 0, (short)Target(t[1]), 0) : new Insn(0x06, 0, 0, 0, Target(t[1])));
        }
        else if (m == "call")
        {
            output.Add(t[1] switch
            {
                "local" => new Insn(0x85, 0, (Reg)1, 0, Target(t[2])),
                "helper" => new Insn(0x85, 0, 0, 0, ParseInt(t[2])),
                "runtime" => new Insn(0x85, 0, (Reg)2, 0, ParseInt(t[2])),
                _ when t[1].StartsWith('%') => new Insn(0x8d, Register(t[1]), 0, 0, 0),
                _ => new Insn(0x85, 0, 0, 0, ParseInt(t[1])),
            });
        }
        else if (m == "lock")
        {
            output.Add(Atomic(t));
        }
        else if (m.StartsWith("movsx", StringComparison.Ordinal))
        {
            // movsx<N><W>: N in 8/16/32, W in 32/64.
            var widths = m[5..];
            var is64 = widths.EndsWith("64", StringComparison.Ordinal);
            var bits = short.Parse(widths[..^2], CultureInfo.InvariantCulture);
            output.Add(new Insn((byte)((is64 ? 0x07 : 0x04) | 0xb0 | 0x08), Register(t[1]), Register(t[2]), bits, 0));
        }
        else if (TrySplitWidth(m, "le", out var w) || TrySplitWidth(m, "be", out w) || TrySplitWidth(m, "bswap", out w) || TrySplitWidth(m, "swap", out w))
        {
            var code = m.StartsWith("le", StringComparison.Ordinal) ? 0xd4 : m.StartsWith("be", StringComparison.Ordinal) ? 0xdc : 0xd7;
            output.Add(new Insn((byte)code, Register(t[1]), 0, 0, w));
        }
        else if (m.StartsWith("ldx", StringComparison.Ordinal))
        {
            var signed = m.StartsWith("ldxs", StringComparison.Ordinal);
            var size = s_sizes[m[(signed ? 4 : 3)..]];
            var (reg, off) = Memory(t[2]);
            output.Add(new Insn((byte)((signed ? 0x80 : 0x60) | size | 0x01), Register(t[1]), reg, off, 0));
        }
        else if (m.StartsWith("stx", StringComparison.Ordinal))
        {
            var (reg, off) = Memory(t[1]);
            output.Add(new Insn((byte)(0x60 | s_sizes[m[3..]] | 0x03), reg, Register(t[2]), off, 0));
        }
        else if (m.StartsWith("st", StringComparison.Ordinal))
        {
            var (reg, off) = Memory(t[1]);
            output.Add(new Insn((byte)(0x60 | s_sizes[m[2..]] | 0x02), reg, 0, off, ParseInt(t[2])));
        }
        else if (StripSuffix(m, out var jop, out var is32) && s_jmpOps.TryGetValue(jop, out var jcode))
        {
            var cls = is32 ? 0x06 : 0x05;
            var off = (short)Target(t[3]);
            output.Add(t[2].StartsWith('%')
                ? new Insn((byte)(jcode | 0x08 | cls), Register(t[1]), Register(t[2]), off, 0)
                : new Insn((byte)(jcode | cls), Register(t[1]), 0, off, ParseInt(t[2])));
        }
        else if (StripSuffix(m, out var aop, out var alu32) && s_aluOps.TryGetValue(aop, out var acode))
        {
            var cls = alu32 ? 0x04 : 0x07;
            var off = (short)(aop is "sdiv" or "smod" ? 1 : 0);
            if (aop == "neg")
            {
                output.Add(new Insn((byte)(acode | cls), Register(t[1]), 0, 0, 0));
            }
            else if (t[2].StartsWith('%'))
            {
                output.Add(new Insn((byte)(acode | 0x08 | cls), Register(t[1]), Register(t[2]), off, 0));
            }
            else
            {
                output.Add(new Insn((byte)(acode | cls), Register(t[1]), 0, off, ParseInt(t[2])));
            }
        }
        else
        {
            throw new FormatException($"unknown mnemonic '{m}'");
        }
    }

    private static Insn Atomic(string[] t)
    {
        // lock [fetch] op[32] [dst+off], src
        var i = 1;
        var fetch = t[i] == "fetch";
        if (fetch)
        {
            i++;
        }
        StripSuffix(t[i], out var op, out var is32);
        var imm = s_atomicOps[op] | (fetch ? 0x01 : 0);
        var (reg, off) = Memory(t[i + 1]);
        return new Insn((byte)(0xc0 | (is32 ? 0x00 : 0x18) | 0x03), reg, Register(t[i + 2]), off, imm);
    }

    private static bool StripSuffix(string m, out string op, out bool is32)
    {
        is32 = m.EndsWith("32", StringComparison.Ordinal);
        op = is32 ? m[..^2] : m.EndsWith("64", StringComparison.Ordinal) ? m[..^2] : m;
        return true;
    }

    private static bool TrySplitWidth(string m, string prefix, out int width)
    {
        width = 0;
        return m.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(m.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && width is 16 or 32 or 64;
    }

    private static Reg Register(string s)
    {
        if (!s.StartsWith("%r", StringComparison.Ordinal) || !int.TryParse(s.AsSpan(2), CultureInfo.InvariantCulture, out var n) || n is < 0 or > 10)
        {
            throw new FormatException($"Invalid register: {s}");
        }
        return (Reg)n;
    }

    private static (Reg Reg, short Offset) Memory(string s)
    {
        // [%rN], [%rN+off], [%rN-off]
        var inner = s.TrimStart('[').TrimEnd(']');
        var sign = inner.IndexOfAny(['+', '-']);
        if (sign < 0)
        {
            return (Register(inner), 0);
        }
        var off = ParseInt(inner[(sign + 1)..]);
        return (Register(inner[..sign]), checked((short)(inner[sign] == '-' ? -off : off)));
    }

    private static int ParseInt(string s)
    {
        var negative = s.StartsWith('-');
        var body = s.TrimStart('+', '-');
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var value = unchecked((int)uint.Parse(body.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return negative ? -value : value;
        }
        var dec = long.Parse(body, CultureInfo.InvariantCulture);
        return checked((int)(negative ? -dec : dec));
    }

    private static long ParseImm64(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? unchecked((long)ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : long.Parse(s, CultureInfo.InvariantCulture);
}
