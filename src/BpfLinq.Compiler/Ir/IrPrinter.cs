using System.Globalization;
using System.Text;
using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Prints a function as IR text, the one format <see cref="IrParser"/> reads back. The text numbers
/// blocks and values densely in reverse post-order (then the unreachable blocks), so dumps are stable
/// under unrelated changes; that numbering is the printer's own, and the function is left as it was
/// (printing a dump for a trace must not change what later phases see). The text is what
/// <see cref="Function.ReorderBlocks"/> in that order followed by <see cref="Function.Renumber"/>
/// would make the function's own ids.
/// <code>
/// func filter(v0: ctxptr) -> i64
/// b0:
///   v1 = load.i32.u32 v0, 0               ; skb.Len  @Body.Test.Left
///   v2 = cmp.ult.i32 v1, 6                ; skb.Len &lt; 6  @Body.Test
///   condbr v2, b1, b2
/// b1: &lt;- b0
///   ret 0xffffffff
/// </code>
/// </summary>
internal static class IrPrinter
{
    private const int CommentColumn = 40;

    /// <summary>Prints the function, numbered in reverse post-order; the function is not changed.</summary>
    public static string Print(Function function)
    {
        var printed = Layout(function);
        var sb = new StringBuilder();
        sb.Append(printed.Signature).Append('\n');
        foreach (var block in printed.Blocks)
        {
            sb.Append(block.Label).Append('\n');
            foreach (var (line, source) in block.Lines)
            {
                sb.Append(line);
                if (source is not null)
                {
                    sb.Append(' ', Math.Max(1, CommentColumn - line.Length)).Append("; ").Append(source);
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>The function's printed lines, block by block, before they are joined into text.</summary>
    public static PrintedFunction Layout(Function function)
    {
        var order = DepthFirstOrder.ReversePostOrderThenRest(function);
        var numbering = new Numbering(function, order);
        var signature = $"func {function.Name}({string.Join(", ", function.Params.Select(p => $"{numbering.Name(p)}: {p.Type.Name()}"))}) -> {function.ReturnType.Name()}";
        var blocks = new List<PrintedBlock>(order.Count);
        foreach (var block in order)
        {
            var name = numbering.Name(block);
            var label = block.Preds.Count == 0 ? name + ":" : $"{name}: <- {string.Join(" ", block.Preds.Select(p => numbering.Name(p)))}";
            var lines = block.Instrs.Select(i => new PrintedLine("  " + Format(i, numbering), i.Source)).ToList();
            blocks.Add(new PrintedBlock(block, name, label, lines));
        }
        return new PrintedFunction(signature, blocks);
    }

    /// <summary>One instruction as text, naming values and blocks by the ids last assigned by <see cref="Function.Renumber"/>.</summary>
    public static string FormatInstr(Instr i) => Format(i, numbering: null);

    // With a numbering, names come from it; without, from the function's current ids.
    private static string Format(Instr i, Numbering? numbering)
    {
        var ret = i.Block?.Function.ReturnType ?? IrType.I64;
        string B(Block b) => numbering?.Name(b) ?? b.ToString();
        string V(int index) => Operand(i.Operands[index], OperandTypes.Expected(i, index, ret), numbering);
        var def = i.Type == IrType.Void ? "" : $"{Name(i, numbering)} = ";
        var ty = i.Type.Name();
        return def + i.Op switch
        {
            >= Op.Add and <= Op.AShr or Op.PtrAdd => $"{Mnemonic(i)}.{ty} {V(0)}, {V(1)}",
            Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc => $"{Mnemonic(i)}.{ty} {V(0)}",
            Op.SExtIn or Op.ByteSwap => $"{Mnemonic(i)}.{ty} {V(0)}, {i.Imm}",
            Op.Cmp => $"cmp.{i.Cond.Name()}.{i.Operands[0].Type.Name()} {V(0)}, {V(1)}",
            Op.Load => $"load.{ty}.{(i.Signed ? 's' : 'u')}{i.Size * 8} {V(0)}, {i.Imm}",
            Op.Store => $"store.u{i.Size * 8} {V(0)}, {i.Imm}, {V(1)}",
            Op.PacketLoad => $"pkt.load.{ty}.u{i.Size * 8} {i.Anchor.Name()} {V(0)}, {i.Imm}",
            Op.PacketHas => $"pkt.has.{ty} {i.Anchor.Name()} {V(0)}, {i.Imm}, {i.Size}",
            Op.VlanSkip => $"pkt.vlans.{ty} {i.Anchor.Name()} {V(0)}, {i.Imm}",
            Op.StackSlot => $"stack.{ty} {i.Imm}",
            Op.Call or Op.KfuncCall or Op.LocalCall => $"{Mnemonic(i)}.{ty} {i.Imm}({string.Join(", ", Enumerable.Range(0, i.Operands.Count).Select(V))})",
            Op.MapRef or Op.FuncAddr => $"{Mnemonic(i)}.{ty} {i.Imm}",
            Op.MapValueAddr => $"map.value.{ty} {i.Imm}, {i.Size}",
            Op.AtomicAdd => $"atomic.add.u{i.Size * 8} {V(0)}, {i.Imm}, {V(1)}",
            Op.Phi => $"phi.{ty} " + string.Join(", ", i.PhiBlocks.Select((b, k) => $"[{B(b)}: {V(k)}]")),
            Op.Br => $"br {B(i.Targets[0])}",
            Op.CondBr => $"condbr {V(0)}, {B(i.Targets[0])}, {B(i.Targets[1])}",
            Op.Ret => $"ret {V(0)}",
            _ => throw new InvalidOperationException($"no text form for {i.Op}"),
        };
    }

    private static string Mnemonic(Instr i) => i.Info.Name;

    private static string Name(Value v, Numbering? numbering) => numbering?.Name(v) ?? CurrentName(v);

    private static string CurrentName(Value v) => v switch
    {
        Instr i => "v" + i.Id.ToString(CultureInfo.InvariantCulture),
        Param p => "v" + p.Id.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private static string Operand(Value v, IrType? expected, Numbering? numbering) =>
        v is Constant c && expected is { } t && t != c.Type ? $"{c}:{c.Type.Name()}" : Name(v, numbering);

    /// <summary>
    /// The dense ids <see cref="Function.Renumber"/> would assign if the blocks stood in
    /// <c>order</c>: blocks by position, parameters then non-void instructions in block order.
    /// </summary>
    private sealed class Numbering
    {
        private readonly Dictionary<Block, int> _blocks = [];
        private readonly Dictionary<Value, int> _values = [];

        public Numbering(Function function, IReadOnlyList<Block> order)
        {
            for (var k = 0; k < order.Count; k++)
            {
                _blocks[order[k]] = k;
            }
            var next = 0;
            foreach (var p in function.Params)
            {
                _values[p] = next++;
            }
            foreach (var instr in order.SelectMany(b => b.Instrs).Where(i => i.Type != IrType.Void))
            {
                _values[instr] = next++;
            }
        }

        public string Name(Block block) =>
            _blocks.TryGetValue(block, out var id) ? "b" + id.ToString(CultureInfo.InvariantCulture) : block.ToString();

        // Values outside the function (a dangling operand in a broken function being dumped) keep their own id.
        public string Name(Value value) =>
            _values.TryGetValue(value, out var id) ? "v" + id.ToString(CultureInfo.InvariantCulture) : CurrentName(value);
    }
}
