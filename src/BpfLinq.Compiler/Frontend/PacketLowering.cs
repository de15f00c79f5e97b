using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Packet primitives (what packet views were desugared into): each is one IR operation. A feature of <see cref="IrLowering"/>, reached through <see cref="ILoweringScope"/>.</summary>
internal sealed class PacketLowering(ILoweringScope scope)
{
    private readonly IrBuilder _b = scope.Builder;

    /// <summary><c>Read(anchor, offset, displacement, size)</c>, or <c>Read64</c> with <paramref name="size"/> 8.</summary>
    public Instr LowerPacketRead(MethodCallExpression node, int? size)
    {
        var args = node.Arguments;
        var bytes = size ?? (int)ConstantArgument(args[3]);
        var offset = scope.Lower(args[1])!;
        var type = bytes == 8 ? IrType.I64 : IrType.I32;
        return _b.Emit(new Instr(Op.PacketLoad, type, [offset]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]), Size = bytes });
    }

    public Instr LowerPacketHas(MethodCallExpression node)
    {
        var args = node.Arguments;
        return _b.Emit(new Instr(Op.PacketHas, IrType.I32, [scope.Lower(args[1])!]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]), Size = (int)ConstantArgument(args[3]) });
    }

    public Instr LowerByteSwap(MethodCallExpression node, IrType type, int bits) => _b.ByteSwap(type, scope.Lower(node.Arguments[0])!, bits);

    public Instr LowerVlanTags(MethodCallExpression node)
    {
        var args = node.Arguments;
        return _b.Emit(new Instr(Op.VlanSkip, IrType.I32, [scope.Lower(args[1])!]) { Anchor = (PacketAnchor)ConstantArgument(args[0]), Imm = ConstantArgument(args[2]) });
    }

    // data_end - data: the two u32 fields load as pointers, whose 64-bit difference the verifier
    // allows a privileged loader (as a number it knows nothing about). Cheaper than
    // bpf_xdp_get_buff_len, and the same for the linear frames BpfLinq's XDP programs see.
    public Instr LowerXdpLength()
    {
        var end = _b.Load(IrType.I64, scope.Context, 4, 4);
        var start = _b.Load(IrType.I64, scope.Context, 0, 4);
        return _b.Unary(Op.Trunc, IrType.I32, _b.Binary(Op.Sub, IrType.I64, end, start));
    }

    private static long ConstantArgument(Expression e) => e is ConstantExpression { Value: { } v }
        ? System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"packet primitive argument {e} is not a constant");
}
