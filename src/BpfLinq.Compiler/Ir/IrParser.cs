using System.Globalization;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Reads the text <see cref="IrPrinter"/> writes (tests write pass inputs in it). Line-based:
/// a <c>func</c> header, block headers <c>bN:</c> (the <c>&lt;- preds</c> part is recomputed and ignored),
/// and one instruction per line; <c>;</c> starts a comment. Forward references to values are allowed
/// (phis in loops); blocks are created on first mention.
/// </summary>
internal sealed class IrParser
{
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Block> _blocks = new(StringComparer.Ordinal);
    private readonly List<(Instr Instr, int Index, string Name, int Line)> _forward = [];
    private Function _function = null!;
    private int _line;

    private IrParser()
    {
    }

    /// <summary>Parses one function.</summary>
    /// <exception cref="FormatException">The text is malformed; the message names the line.</exception>
    public static Function Parse(string text) => new IrParser().Run(text);

    private Function Run(string text)
    {
        Block? current = null;
        foreach (var rawLine in text.Split('\n'))
        {
            _line++;
            var semi = rawLine.IndexOf(';', StringComparison.Ordinal);
            var line = (semi >= 0 ? rawLine[..semi] : rawLine).Trim();
            _source = semi >= 0 ? ParseSource(rawLine[(semi + 1)..]) : null;
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("func ", StringComparison.Ordinal))
            {
                ParseHeader(line);
            }
            else if (line.EndsWith(':') || line.Contains(": <-", StringComparison.Ordinal))
            {
                current = BlockNamed(line[..line.IndexOf(':', StringComparison.Ordinal)]);
            }
            else
            {
                ParseInstr(line, current ?? throw Error("instruction outside a block"));
            }
        }
        foreach (var (instr, index, name, line) in _forward)
        {
            _line = line;
            instr.SetOperand(index, _values.TryGetValue(name, out var v) ? v : throw Error($"undefined value {name}"));
        }
        return _function ?? throw new FormatException("no func header");
    }

    private void ParseHeader(string line)
    {
        // func name(v0: ctxptr, v1: i64) -> i64
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.IndexOf(')', StringComparison.Ordinal);
        var arrow = line.IndexOf("->", StringComparison.Ordinal);
        if (open < 0 || close < open || arrow < close)
        {
            throw Error("expected 'func name(params) -> type'");
        }
        _function = new Function(line[5..open].Trim(), Type(line[(arrow + 2)..].Trim()));
        foreach (var p in line[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = p.Split(':', StringSplitOptions.TrimEntries);
            _values[parts[0]] = _function.AddParam(Type(parts[1]));
        }
    }

    private void ParseInstr(string line, Block block)
    {
        string? def = null;
        var eq = line.IndexOf(" = ", StringComparison.Ordinal);
        if (eq > 0)
        {
            def = line[..eq].Trim();
            line = line[(eq + 3)..];
        }
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var mnemonic = space < 0 ? line : line[..space];
        var rest = space < 0 ? "" : line[(space + 1)..].Trim();
        var parts = mnemonic.Split('.');
        if (parts[0] == "pkt" && parts.Length > 1)
        {
            // pkt.load.i32.u16 / pkt.vlans.i32: the op's name has a dot.
            parts = [parts[0] + "." + parts[1], .. parts[2..]];
        }
        if (!OpInfo.TryParse(parts[0], out var op))
        {
            throw Error($"unknown op '{parts[0]}'");
        }

        Instr instr;
        switch (op)
        {
            case Op.Br:
                block.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [BlockNamed(rest)], Source = _source });
                return;
            case Op.CondBr:
            {
                var a = Split(rest);
                instr = new Instr(Op.CondBr, IrType.Void, [s_placeholder]) { Targets = [BlockNamed(a[1]), BlockNamed(a[2])], Source = _source };
                SetOperand(instr, 0, a[0], IrType.Bool);
                block.SetTerminator(instr);
                return;
            }
            case Op.Ret:
                instr = new Instr(Op.Ret, IrType.Void, [s_placeholder]) { Source = _source };
                SetOperand(instr, 0, rest, _function.ReturnType);
                block.SetTerminator(instr);
                return;
            case Op.Phi:
                instr = new Instr(Op.Phi, Type(parts[1]), []);
                foreach (var incoming in rest.Split("],", StringSplitOptions.TrimEntries))
                {
                    var pair = incoming.Trim('[', ']').Split(':', 2, StringSplitOptions.TrimEntries);
                    instr.AddOperand(s_placeholder);
                    instr.PhiBlocks.Add(BlockNamed(pair[0]));
                    SetOperand(instr, instr.Operands.Count - 1, pair[1], instr.Type);
                }
                block.InsertPhi(instr);
                break;
            case Op.Cmp:
            {
                var cond = Enum.GetValues<Cond>().FirstOrDefault(c => c.Name() == parts[1], (Cond)255);
                if ((int)cond == 255)
                {
                    throw Error($"unknown condition '{parts[1]}'");
                }
                var t = Type(parts[2]);
                var a = Split(rest);
                instr = new Instr(Op.Cmp, IrType.Bool, [s_placeholder, s_placeholder]) { Cond = cond };
                SetOperand(instr, 0, a[0], t);
                SetOperand(instr, 1, a[1], t);
                block.Append(instr);
                break;
            }
            case Op.Load:
            {
                var a = Split(rest);
                var (signed, size) = Access(parts[2]);
                instr = new Instr(Op.Load, Type(parts[1]), [s_placeholder]) { Imm = Long(a[1]), Size = size, Signed = signed };
                SetOperand(instr, 0, a[0], null);
                block.Append(instr);
                break;
            }
            case Op.Store:
            {
                var a = Split(rest);
                var (_, size) = Access(parts[1]);
                instr = new Instr(Op.Store, IrType.Void, [s_placeholder, s_placeholder]) { Imm = Long(a[1]), Size = size };
                SetOperand(instr, 0, a[0], null);
                SetOperand(instr, 1, a[2], size == 8 ? IrType.I64 : IrType.I32);
                block.Append(instr);
                break;
            }
            case Op.PacketHas:
            {
                // pkt.has.i32 net v3, 8, 16
                var anchorEnd = rest.IndexOf(' ', StringComparison.Ordinal);
                var anchor = PacketAnchors.Parse(rest[..anchorEnd]) ?? throw Error($"unknown packet anchor in '{rest}'");
                var a = Split(rest[(anchorEnd + 1)..]);
                instr = new Instr(op, Type(parts[1]), [s_placeholder]) { Imm = Long(a[1]), Size = (int)Long(a[2]), Anchor = anchor };
                SetOperand(instr, 0, a[0], IrType.I32);
                block.Append(instr);
                break;
            }
            case Op.PacketLoad:
            case Op.VlanSkip:
            {
                // pkt.load.i32.u16 net v3, 12 / pkt.vlans.i32 data v0, 2
                var anchorEnd = rest.IndexOf(' ', StringComparison.Ordinal);
                var anchor = PacketAnchors.Parse(anchorEnd < 0 ? rest : rest[..anchorEnd]) ?? throw Error($"unknown packet anchor in '{rest}'");
                var a = Split(rest[(anchorEnd + 1)..]);
                var size = op == Op.PacketLoad ? Access(parts[2]).Size : 0;
                instr = new Instr(op, Type(parts[1]), [s_placeholder]) { Imm = Long(a[1]), Size = size, Anchor = anchor };
                SetOperand(instr, 0, a[0], IrType.I32);
                block.Append(instr);
                break;
            }
            case Op.StackSlot:
                instr = new Instr(Op.StackSlot, Type(parts[1]), []) { Imm = Long(rest) };
                block.Append(instr);
                break;
            case Op.Call:
            {
                var open = rest.IndexOf('(', StringComparison.Ordinal);
                var inner = rest[(open + 1)..rest.LastIndexOf(')')].Trim();
                var args = inner.Length == 0 ? [] : Split(inner);
                instr = new Instr(Op.Call, Type(parts[1]), args.Select(_ => s_placeholder)) { Imm = Long(rest[..open]) };
                for (var k = 0; k < args.Length; k++)
                {
                    SetOperand(instr, k, args[k], IrType.I64);
                }
                block.Append(instr);
                break;
            }
            default:
            {
                var type = Type(parts[1]);
                var a = Split(rest);
                var withImm = op is Op.SExtIn or Op.ByteSwap;
                var count = withImm ? 1 : a.Length;
                instr = new Instr(op, type, Enumerable.Repeat(s_placeholder, count));
                if (withImm)
                {
                    instr.Imm = Long(a[1]);
                }
                for (var k = 0; k < count; k++)
                {
                    SetOperand(instr, k, a[k], OperandTypes.Expected(instr, k, _function.ReturnType));
                }
                block.Append(instr);
                break;
            }
        }
        instr.Source = _source;
        if (def is not null)
        {
            if (!_values.TryAdd(def, instr))
            {
                throw Error($"{def} defined twice");
            }
        }
    }

    private static readonly Constant s_placeholder = new(IrType.Void, 0);

    private SourceRef? _source;

    // "; skb.Len < 6  @Body.Test" is an instruction's provenance (see SourceRef.ToString).
    private static SourceRef? ParseSource(string comment)
    {
        comment = comment.Trim();
        if (comment.Length == 0)
        {
            return null;
        }
        var at = comment.LastIndexOf("  @", StringComparison.Ordinal);
        return at < 0 ? new SourceRef(comment, "") : new SourceRef(comment[..at], comment[(at + 3)..]);
    }

    private void SetOperand(Instr instr, int index, string text, IrType? type)
    {
        text = text.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            type = Type(text[(colon + 1)..]);
            text = text[..colon];
        }
        if (text.StartsWith('v') && !text.StartsWith("0x", StringComparison.Ordinal))
        {
            if (_values.TryGetValue(text, out var v))
            {
                instr.SetOperand(index, v);
            }
            else
            {
                _forward.Add((instr, index, text, _line));
            }
            return;
        }
        var literal = text switch { "true" => 1, "false" => 0, _ => Long(text) };
        instr.SetOperand(index, _function.Const(type ?? throw Error($"constant {text} needs a type here (write {text}:i64)"), literal));
    }

    private (bool Signed, int Size) Access(string s)
    {
        if (s.Length < 2 || (s[0] != 'u' && s[0] != 's') || !int.TryParse(s.AsSpan(1), CultureInfo.InvariantCulture, out var bits) || bits is not (8 or 16 or 32 or 64))
        {
            throw Error($"bad access width '{s}'");
        }
        return (s[0] == 's', bits / 8);
    }

    private Block BlockNamed(string name)
    {
        name = name.Trim();
        if (!_blocks.TryGetValue(name, out var b))
        {
            b = _function.AddBlock();
            _blocks.Add(name, b);
        }
        return b;
    }

    private IrType Type(string name) => IrTypes.TryParse(name, out var t) ? t : throw Error($"unknown type '{name}'");

    private long Long(string s)
    {
        s = s.Trim();
        if (s.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u))
        {
            return (long)u;
        }
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }
        throw Error($"bad number '{s}'");
    }

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.TrimEntries);

    private FormatException Error(string message) => new($"line {_line}: {message}");
}
