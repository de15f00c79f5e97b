namespace BpfLinq.Compiler.Ir;

/// <summary>
/// The type each operand slot of an instruction must have. One rule set shared by the printer
/// (constants print as bare literals), the parser (literals get this type) and the verifier.
/// </summary>
internal static class OperandTypes
{
    /// <summary>The expected type of operand <paramref name="index"/>, or null when any type is allowed.</summary>
    public static IrType? Expected(Instr instr, int index, IrType functionReturnType) => instr.Op switch
    {
        >= Op.Add and <= Op.AShr => instr.Type,
        Op.Neg or Op.Not or Op.SExtIn or Op.ByteSwap => instr.Type,
        Op.ZExt or Op.SExt => IrType.I32,
        Op.Trunc => IrType.I64,
        Op.Cmp => instr.Operands[0].Type is IrType.PacketPtr or IrType.PacketEnd or IrType.MapValueOrNull ? null : instr.Operands[0].Type, // data + N > data_end mixes the two
        Op.PtrAdd => index == 0 ? null : IrType.I64,
        Op.Load => null,
        Op.PacketLoad or Op.PacketHas or Op.VlanSkip => IrType.I32,
        Op.Store => index == 0 || instr.Operands[1].Type.IsPointer() ? null : instr.Size == 8 ? IrType.I64 : IrType.I32,
        Op.Call or Op.KfuncCall or Op.LocalCall => instr.Operands[index].IsConstant ? IrType.I64 : null,
        Op.AtomicAdd => index == 0 ? null : instr.Size == 8 ? IrType.I64 : IrType.I32,
        Op.Phi => instr.Type,
        Op.CondBr => IrType.Bool,
        Op.Ret => functionReturnType,
        _ => null,
    };
}
