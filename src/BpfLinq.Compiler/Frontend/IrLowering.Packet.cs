using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Packet primitives (what packet views were desugared into): each is one IR operation.</summary>
internal sealed partial class IrLowering
{
    private Instr LowerPacketPrimitive(MethodCallExpression node)
    {
        var args = node.Arguments;
        switch (node.Method.Name)
        {
            case nameof(PacketPrimitives.Read):
            case nameof(PacketPrimitives.Read64):
            {
                var size = node.Method.Name == nameof(PacketPrimitives.Read64) ? 8 : (int)ConstantArgument(args[3]);
                var offset = LowerValue(args[1])!;
                var type = size == 8 ? IrType.I64 : IrType.I32;
                return _b.Emit(new Instr(Op.PacketLoad, type, [offset]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]), Size = size });
            }
            case nameof(PacketPrimitives.Has):
                return _b.Emit(new Instr(Op.PacketHas, IrType.I32, [LowerValue(args[1])!]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]), Size = (int)ConstantArgument(args[3]) });
            case nameof(PacketPrimitives.Swap16):
                return _b.ByteSwap(IrType.I32, LowerValue(args[0])!, 16);
            case nameof(PacketPrimitives.Swap32):
                return _b.ByteSwap(IrType.I32, LowerValue(args[0])!, 32);
            case nameof(PacketPrimitives.Swap64):
                return _b.ByteSwap(IrType.I64, LowerValue(args[0])!, 64);
            case nameof(PacketPrimitives.VlanTags):
                return _b.Emit(new Instr(Op.VlanSkip, IrType.I32, [LowerValue(args[1])!]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]) });
            case nameof(PacketPrimitives.XdpLength):
            {
                // data_end - data: the two u32 fields load as pointers, whose 64-bit difference the
                // verifier allows a privileged loader (as a number it knows nothing about). Cheaper
                // than bpf_xdp_get_buff_len, and the same for the linear frames BpfLinq's XDP programs see.
                var end = _b.Load(IrType.I64, _ctx, 4, 4);
                var start = _b.Load(IrType.I64, _ctx, 0, 4);
                return _b.Unary(Op.Trunc, IrType.I32, _b.Binary(Op.Sub, IrType.I64, end, start));
            }
            default:
                throw new InvalidOperationException($"no lowering for packet primitive {node.Method.Name}");
        }
    }

    private static long ConstantArgument(Expression e) => e is ConstantExpression { Value: { } v }
        ? System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"packet primitive argument {e} is not a constant");
}
