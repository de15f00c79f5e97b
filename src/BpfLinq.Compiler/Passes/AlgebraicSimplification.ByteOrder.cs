using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

// Byte order folded into constants: a big-endian field compared with, masked by or tested
// against a constant becomes the raw (memory-order) read against the swapped constant, so
// `tcp.DestinationPort == 80` loads two bytes and compares them with 0x5000: no be16 at run time.
internal sealed partial class AlgebraicSimplification
{
    private static AlgebraicRule[] ByteOrderRules() =>
    [
        new("(And (ByteSwap n x) (Const m)) => (ByteSwap n (And x (Const (swap n m))))", Op.And,
            static s => s.A is Instr { Op: Op.ByteSwap } swap && s.B.MatchConst(out var m) && FitsSwap(swap, m)
                ? SwapOf(s, swap, s.Emit(Op.And, s.Type, swap.Operands[0], s.Const(Swap(m, swap.Imm)))) : null),
        new("(Cmp Test|NotTest (ByteSwap n x) (Const m)) => (Cmp Test|NotTest x (Const (swap n m)))", Op.Cmp,
            static s => s.Instr.Cond is Cond.Test or Cond.NotTest && s.A is Instr { Op: Op.ByteSwap } swap && s.B.MatchConst(out var m) && FitsSwap(swap, m)
                ? s.Compare(s.Instr.Cond, swap.Operands[0], s.Const(s.OperandType, Swap(m, swap.Imm))) : null),
        new("(Cmp Eq|Ne (ByteSwap n x) (Const c)) => (Cmp Eq|Ne x (Const (swap n c))) when x has no bits above n", Op.Cmp,
            static s => s.Instr.Cond is Cond.Eq or Cond.Ne && s.A is Instr { Op: Op.ByteSwap } swap && s.B.MatchConst(out var c) && FitsSwap(swap, c)
                && (KnownBits.MaybeOne(swap.Operands[0]) & ~LowBits(swap.Imm)) == 0
                ? s.Compare(s.Instr.Cond, swap.Operands[0], s.Const(s.OperandType, Swap(c, swap.Imm))) : null),
        // A byte swap permutes bits, so it commutes with bitwise logic: one swap instead of two
        // (Source ^ Destination), and often none once a mask or test takes the last one.
        new("(Xor (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (Xor a b))", Op.Xor,
            static s => SameSwaps(s, out var a, out var b, out var like) ? SwapOf(s, like, s.Emit(Op.Xor, s.Type, a, b)) : null),
        new("(Or (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (Or a b))", Op.Or,
            static s => SameSwaps(s, out var a, out var b, out var like) ? SwapOf(s, like, s.Emit(Op.Or, s.Type, a, b)) : null),
        new("(And (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (And a b))", Op.And,
            static s => SameSwaps(s, out var a, out var b, out var like) ? SwapOf(s, like, s.Emit(Op.And, s.Type, a, b)) : null),
        // A mask of the low bytes of a packet or stack read is a narrower read (little-endian: the
        // low bytes come first). Not for the context, whose narrow reads the verifier restricts.
        new("(And (Load p off) (Const 2^8k-1)) => (Load.uk p off) for packet and stack reads", Op.And,
            static s => s.A is Instr { Op: Op.Load, Signed: false } load && load.Operands[0].Type is IrType.PacketPtr or IrType.StackPtr
                && s.B.MatchConst(out var m) && NarrowSize(m) is { } size && size < load.Size
                ? Narrowed(s, load, size) : null),
    ];

    private static bool SameSwaps(RewriteSite s, out Value a, out Value b, out Instr like)
    {
        if (s.A is Instr { Op: Op.ByteSwap } x && s.B is Instr { Op: Op.ByteSwap } y && x.Imm == y.Imm && x.Type == y.Type)
        {
            (a, b, like) = (x.Operands[0], y.Operands[0], x);
            return true;
        }
        (a, b, like) = (null!, null!, null!);
        return false;
    }

    private static int? NarrowSize(long mask) => mask switch
    {
        0xff => 1,
        0xffff => 2,
        0xffff_ffff => 4,
        _ => null,
    };

    private static Instr Narrowed(RewriteSite s, Instr load, int size)
    {
        var narrow = s.Emit(Op.Load, s.Type, load.Operands[0]);
        narrow.Imm = load.Imm;
        narrow.Size = size;
        return narrow;
    }

    // The constant lies within the swapped width (bswap's result never has bits above it).
    private static bool FitsSwap(Instr swap, long c) => ((ulong)c & ~LowBits(swap.Imm) & KnownBits.WidthMask(swap.Type)) == 0;

    private static ulong LowBits(long bits) => bits >= 64 ? ulong.MaxValue : (1UL << (int)bits) - 1;

    private static long Swap(long value, long bits) => bits switch
    {
        16 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)value),
        32 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)value),
        _ => (long)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ulong)value),
    };

    private static Instr SwapOf(RewriteSite s, Instr like, Value operand)
    {
        var swap = s.Emit(Op.ByteSwap, like.Type, operand);
        swap.Imm = like.Imm;
        return swap;
    }
}
