using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Passes;

// The data pointers direct access reads through: loaded from the context (a callback's from its
// frame), and for tc made to cover the reads with bpf_skb_pull_data.
internal sealed partial class PacketExpansion
{
    // A loop callback's context pointer, from the frame its caller stored it in.
    private static Instr LoadContext(Function f, Param frame, int offset)
    {
        var load = IrBuilder.Create(Op.Load, IrType.CtxPtr, frame);
        load.Imm = offset;
        load.Size = 8;
        return f.Entry.InsertBefore(f.Entry.Instrs.First(i => i.Op != Op.Phi), load);
    }

    // data and data_end, loaded once at the entry (after a callback's context).
    private static (Instr Data, Instr End) LoadDataPointers(Function f, Value context, (int Data, int End) offsets)
    {
        var (dataOffset, endOffset) = offsets;
        // Right after a context loaded from a frame (a loop callback's), else at the entry's start.
        var entry = f.Entry;
        var first = context is Instr loaded
            ? entry.Instrs.SkipWhile(i => i != loaded).Skip(1).First()
            : entry.Instrs.First(i => i.Op != Op.Phi);
        var data = entry.InsertBefore(first, IrBuilder.Create(Op.Load, IrType.PacketPtr, context));
        data.Imm = dataOffset;
        data.Size = 4;
        var end = entry.InsertBefore(first, IrBuilder.Create(Op.Load, IrType.PacketEnd, context));
        end.Imm = endOffset;
        end.Size = 4;
        return (data, end);
    }

    // The most bytes from the data any read may need (capped at the largest packet offset).
    private static long MostRead(Function f) => f.AllInstrs().Where(PacketWindows.IsRead).Max(r =>
    {
        var (baseValue, displacement) = PacketWindows.Address(r);
        return Math.Min(MaxPacketOffset, (baseValue is null ? 0 : (long)Math.Min(UpperBound(baseValue), MaxPacketOffset)) + displacement + r.Size);
    });

    // A tc packet's bytes may lie beyond the linear area that direct access reaches. When the
    // linear area is shorter than the most any read needs (M, capped by the packet's length),
    // bpf_skb_pull_data makes those bytes linear and the pointers are loaded again:
    //   if (data + M > data_end) { n = min(len, M); if (data + n > data_end) { pull(n); reload } }
    // Long linear packets pay one compare; short ones a second; only non-linear ones the call.
    private static (Value Data, Value End) PullNonlinear(Function f, Value context, Instr data, Instr end, long most)
    {
        var entry = end.Block!;
        var rest = entry.SplitBefore(entry.Instrs.SkipWhile(i => i != end).Skip(1).First());
        var b = new IrBuilder(f) { Current = entry, Source = data.Source };
        var slow = f.AddBlock();
        b.CondBr(b.Cmp(Cond.UGt, b.PtrAdd(data, f.Const(IrType.I64, most)), end), slow, rest);
        b.Current = slow;
        var length = b.Load(IrType.I32, context, 0, 4); // __sk_buff.len
        var shorter = f.AddBlock();
        var measured = f.AddBlock();
        b.CondBr(b.Cmp(Cond.ULt, length, f.Const(IrType.I32, most)), shorter, measured);
        b.Current = shorter;
        b.Br(measured);
        b.Current = measured;
        var needed = b.Phi(measured, IrType.I32);
        IrBuilder.AddPhiIncoming(needed, slow, f.Const(IrType.I32, most));
        IrBuilder.AddPhiIncoming(needed, shorter, length);
        var pull = f.AddBlock();
        b.CondBr(b.Cmp(Cond.UGt, b.PtrAdd(data, b.Unary(Op.ZExt, IrType.I64, needed)), end), pull, rest);
        b.Current = pull;
        b.Call((long)Helper.SkbPullData, IrType.I64, context, b.Unary(Op.ZExt, IrType.I64, needed));
        var data2 = b.Load(IrType.PacketPtr, context, 76, 4);
        var end2 = b.Load(IrType.PacketEnd, context, 80, 4);
        b.Br(rest);
        var dataPhi = rest.InsertPhi(new Instr(Op.Phi, IrType.PacketPtr, []) { Source = data.Source });
        var endPhi = rest.InsertPhi(new Instr(Op.Phi, IrType.PacketEnd, []) { Source = data.Source });
        foreach (var (from, d, e) in new[] { (entry, (Value)data, (Value)end), (measured, data, end), (pull, data2, end2) })
        {
            IrBuilder.AddPhiIncoming(dataPhi, from, d);
            IrBuilder.AddPhiIncoming(endPhi, from, e);
        }
        return (dataPhi, endPhi);
    }
}
