using System.Globalization;
using System.Text;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Prints a function as IR text, the one format <see cref="IrParser"/> reads back. Values and blocks
/// are renumbered densely in reverse post-order first, so dumps are stable under unrelated changes.
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

    /// <summary>Prints the function (renumbering it in reverse post-order).</summary>
    public static string Print(Function function)
    {
        function.ReorderBlocks(BlockOrder.ReversePostOrderThenRest(function));
        function.Renumber();
        var sb = new StringBuilder();
        sb.Append("func ").Append(function.Name).Append('(');
        sb.AppendJoin(", ", function.Params.Select(p => $"v{p.Id}: {p.Type.Name()}"));
        sb.Append(") -> ").Append(function.ReturnType.Name()).Append('\n');
        foreach (var block in function.Blocks)
        {
            sb.Append(block);
            sb.Append(':');
            if (block.Preds.Count > 0)
            {
                sb.Append(" <-");
                foreach (var p in block.Preds)
                {
                    sb.Append(' ').Append(p);
                }
            }
            sb.Append('\n');
            foreach (var instr in block.Instrs)
            {
                var line = "  " + FormatInstr(instr);
                sb.Append(line);
                if (instr.Source is { } source)
                {
                    sb.Append(' ', Math.Max(1, CommentColumn - line.Length)).Append("; ").Append(source);
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>One instruction as text, using the ids last assigned by <see cref="Function.Renumber"/>.</summary>
    public static string FormatInstr(Instr i)
    {
        var ret = i.Block?.Function.ReturnType ?? IrType.I64;
        string V(int index) => Operand(i.Operands[index], OperandTypes.Expected(i, index, ret));
        var def = i.Type == IrType.Void ? "" : $"{Name(i)} = ";
        var ty = i.Type.Name();
        return def + i.Op switch
        {
            >= Op.Add and <= Op.AShr or Op.PtrAdd => $"{Mnemonic(i)}.{ty} {V(0)}, {V(1)}",
            Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc => $"{Mnemonic(i)}.{ty} {V(0)}",
            Op.SExtIn or Op.ByteSwap => $"{Mnemonic(i)}.{ty} {V(0)}, {i.Imm}",
            Op.Cmp => $"cmp.{i.Cond.Name()}.{i.Operands[0].Type.Name()} {V(0)}, {V(1)}",
            Op.Load => $"load.{ty}.{(i.Signed ? 's' : 'u')}{i.Size * 8} {V(0)}, {i.Imm}",
            Op.Store => $"store.u{i.Size * 8} {V(0)}, {i.Imm}, {V(1)}",
            Op.Call => $"call.{ty} {i.Imm}({string.Join(", ", Enumerable.Range(0, i.Operands.Count).Select(V))})",
            Op.Phi => $"phi.{ty} " + string.Join(", ", i.PhiBlocks.Select((b, k) => $"[{b}: {V(k)}]")),
            Op.Br => $"br {i.Targets[0]}",
            Op.CondBr => $"condbr {V(0)}, {i.Targets[0]}, {i.Targets[1]}",
            Op.Ret => $"ret {V(0)}",
            _ => throw new InvalidOperationException($"no text form for {i.Op}"),
        };
    }

    private static string Mnemonic(Instr i) => i.Info.Name;

    private static string Name(Value v) => v switch
    {
        Instr i => "v" + i.Id.ToString(CultureInfo.InvariantCulture),
        Param p => "v" + p.Id.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private static string Operand(Value v, IrType? expected) =>
        v is Constant c && expected is { } t && t != c.Type ? $"{c}:{c.Type.Name()}" : Name(v);
}
