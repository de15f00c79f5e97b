using System.Globalization;
using System.Text;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Text of machine code for dumps and test failures:
/// <code>
/// b0:
///   %10 = copy r1
///   %11 = load.u32 %10+0
///   branch.jlt32 %11, #6 -> b1(#4294967295), b2(#0)
/// b1(%12):
///   r0 = copy %12
///   exit r0
/// </code>
/// </summary>
internal static class MachinePrinter
{
    /// <summary>The whole function.</summary>
    public static string Print(MachineFunction function)
    {
        var sb = new StringBuilder();
        sb.Append("mfunc ").Append(function.Name).Append('\n');
        foreach (var b in function.Blocks)
        {
            sb.Append(b);
            if (b.Params.Count > 0)
            {
                sb.Append('(').AppendJoin(", ", b.Params).Append(')');
            }
            sb.Append(":\n");
            foreach (var i in b.AllInstrs())
            {
                sb.Append("  ").Append(Format(i)).Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>One instruction.</summary>
    public static string Format(MachineInstr i)
    {
        var def = i.Defs.Length > 0 ? i.Defs[0] + " = " : "";
        string Src(int k) => i.HasImm && k == i.Uses.Length ? Imm(i.Imm) : i.Uses[k].ToString();
        var w = i.Is32 ? "32" : "";
        return def + i.Opcode switch
        {
            MachineOpcode.Copy => "copy " + i.Uses[0],
            MachineOpcode.MovImm => Imm(i.Imm),
            MachineOpcode.Alu => $"{AluName(i)}{w} {i.Uses[0]}, {Src(1)}",
            MachineOpcode.Neg => $"neg{w} {i.Uses[0]}",
            MachineOpcode.ByteSwap => $"be{i.Bits} {i.Uses[0]}",
            MachineOpcode.MovSx => $"movsx{w}.s{i.Bits} {i.Uses[0]}",
            MachineOpcode.Truncate => "trunc " + i.Uses[0],
            MachineOpcode.Load => $"load.{(i.IsSigned ? 's' : 'u')}{Bytes(i.Size) * 8} {(i.FrameBase ? "r10" : i.Uses[0].ToString())}{Offset(i.Offset)}",
            MachineOpcode.FrameAddress => $"frame {i.Imm}",
            MachineOpcode.LoadPseudo => $"ld_pseudo {i.Symbol}, {i.Imm2}",
            MachineOpcode.AtomicAdd => $"lock *({i.Size} *)({i.Uses[0]} + {i.Offset}) += {i.Uses[1]}",
            MachineOpcode.Store when i.FrameBase => $"store.u{Bytes(i.Size) * 8} r10{Offset(i.Offset)}, {(i.HasImm ? Imm(i.Imm) : i.Uses[0].ToString())}",
            MachineOpcode.Store => $"store.u{Bytes(i.Size) * 8} {i.Uses[0]}{Offset(i.Offset)}, {Src(1)}",
            MachineOpcode.Call => $"call {i.Symbol?.ToString() ?? i.Imm.ToString(CultureInfo.InvariantCulture)}({string.Join(", ", i.Uses)})",
            MachineOpcode.Jump => "jump " + Target(i.Targets[0]),
            MachineOpcode.Branch => $"branch.{i.JmpOp.ToString().ToLowerInvariant()}{w} {i.Uses[0]}, {Src(1)} -> {Target(i.Targets[0])}, {Target(i.Targets[1])}",
            MachineOpcode.Exit => "exit " + i.Uses[0],
            _ => i.Opcode.ToString(),
        };
    }

    /// <summary>Width in bytes of an access size.</summary>
    public static int Bytes(Size size) => size switch
    {
        Size.Byte => 1,
        Size.Half => 2,
        Size.Word => 4,
        _ => 8,
    };

    private static string AluName(MachineInstr i) =>
        (i.IsSigned ? "s" : "") + i.AluOp.ToString().ToLowerInvariant();

    private static string Imm(long value) => "#" + value.ToString(CultureInfo.InvariantCulture);

    private static string Offset(short offset) =>
        (offset < 0 ? "" : "+") + offset.ToString(CultureInfo.InvariantCulture);

    private static string Target(BlockCall call) =>
        call.Args.Length == 0 ? call.Target.ToString() : $"{call.Target}({string.Join(", ", call.Args)})";
}
