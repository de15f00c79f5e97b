using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Passes;

// Reads through helpers: cgroup_skb's direct reads with a bpf_skb_load_bytes fallback, and the
// socket filter and sk_skb windows read by bpf_skb_load_bytes[_relative] into stack buffers.
internal sealed partial class PacketExpansion
{
    // cgroup_skb: direct access to the linear data (skb->data is the network header there, so data
    // and network anchors are one), and for bytes beyond it — a cgroup_skb program cannot pull
    // them in — bpf_skb_load_bytes, read by read:
    //   if (data + base + hi > data_end) { r = load_bytes(skb, base + lo, buf, n); v = *buf } else v = *(data + base + lo)
    // Reads do not share checks: the slow path's value lives on the stack, not behind the packet
    // pointer later reads would use. Link-header reads (before the data) always take the helper.
    private static void ExpandCgroupReads(Function f, Value context, (int Data, int End) dataPointers, ReadUsers users)
    {
        var reads = f.AllInstrs().Where(PacketWindows.IsRead).ToList();
        var (data, end) = LoadDataPointers(f, context, dataPointers);
        foreach (var read in reads)
        {
            var (baseValue, displacement) = PacketWindows.Address(read);
            var window = new PacketWindow(read, baseValue, displacement, displacement + read.Size, null, null);
            if (read.Anchor == PacketAnchor.Link)
            {
                ExpandWithHelper(f, window, context, users);
                continue;
            }
            var check = read.Block!;
            var rest = check.SplitBefore(read);
            var join = rest.SplitBefore(rest.Instrs.SkipWhile(i => i != read).Skip(1).First());
            var b = new IrBuilder(f) { Current = check, Source = read.Source };
            var slow = f.AddBlock();
            Value pointer = data;
            if (baseValue is not null)
            {
                if (UpperBound(baseValue) + (ulong)window.Hi > MaxPacketOffset)
                {
                    var inRange = f.AddBlock();
                    b.CondBr(b.Cmp(Cond.UGt, baseValue, f.Const(baseValue.Type, MaxPacketOffset - window.Hi)), slow, inRange);
                    b.Current = inRange;
                }
                pointer = b.PtrAdd(data, baseValue.Type == IrType.I32 ? b.Unary(Op.ZExt, IrType.I64, baseValue) : baseValue);
            }
            b.CondBr(b.Cmp(Cond.UGt, b.PtrAdd(pointer, f.Const(IrType.I64, window.Hi)), end), slow, rest);
            rest.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [join], Source = read.Source });
            // The slow path: the helper strategy on a copy of the read, which it replaces in place.
            var copy = slow.Append(new Instr(read.Op, read.Type, [read.Operands[0]]) { Imm = read.Imm, Size = read.Size, Anchor = PacketAnchor.Data, Source = read.Source });
            b.Current = slow;
            b.Br(join);
            var phi = join.InsertPhi(new Instr(Op.Phi, read.Type, []) { Source = read.Source });
            users.Replace(read, phi);
            IrBuilder.AddPhiIncoming(phi, rest, Replace(read, pointer, users));
            IrBuilder.AddPhiIncoming(phi, slow, copy); // the helper expansion replaces it with its value
            users.Add(copy, phi);
            ExpandWithHelper(f, new PacketWindow(copy, baseValue, displacement, displacement + read.Size, null, null), context, users);
        }
    }

    private static void ExpandWithHelper(Function f, PacketWindow w, Value context, ReadUsers users)
    {
        var owner = w.Owner;
        var size = w.Hi - w.Lo;
        var loads = w.Covered.Prepend(owner).Where(l => l.Op == Op.PacketLoad).ToList();
        // The verifier wants stack loads aligned to their size: the bytes land `pad` bytes into the
        // buffer, with the pad that aligns the most reads; the others are read in aligned pieces.
        var pad = Enumerable.Range(0, 8).MaxBy(p => loads.Count(l => (PacketWindows.Address(l).Displacement - w.Lo + p) % l.Size == 0));
        var buffer = owner.Block!.InsertBefore(owner, IrBuilder.Create(Op.StackSlot, IrType.StackPtr));
        buffer.Imm = (pad + size + 7) & ~7;
        buffer.Source = owner.Source;
        Value destination = pad == 0 ? buffer : owner.Block.InsertBefore(owner, new Instr(Op.PtrAdd, IrType.StackPtr, [buffer, f.Const(IrType.I64, pad)]) { Source = owner.Source });
        Value offset = w.Base is null
            ? f.Const(IrType.I64, w.Lo)
            : w.Lo == 0 ? w.Base : owner.Block.InsertBefore(owner, new Instr(Op.Add, w.Base.Type, [w.Base, f.Const(w.Base.Type, w.Lo)]) { Source = owner.Source });
        Value[] args = w.Anchor == PacketAnchor.Data
            ? [context, offset, destination, f.Const(IrType.I64, size)]
            : [context, offset, destination, f.Const(IrType.I64, size), f.Const(IrType.I64, w.Anchor == PacketAnchor.Link ? 0 : 1)]; // BPF_HDR_START_MAC / _NET
        var helper = w.Anchor == PacketAnchor.Data ? Helper.SkbLoadBytes : Helper.SkbLoadBytesRelative;
        var call = owner.Block.InsertBefore(owner, new Instr(Op.Call, IrType.I64, args) { Imm = (long)helper, Source = owner.Source });
        foreach (var load in w.Covered.Prepend(owner))
        {
            Value replacement;
            if (load.Op == Op.PacketHas)
            {
                // Covered: present. The owner: the helper's result, 0 or -EFAULT, as 1 or 0.
                replacement = load != owner ? f.Const(IrType.I32, 1) : Present(f, call, owner);
            }
            else
            {
                var (_, displacement) = PacketWindows.Address(load);
                replacement = AlignedLoad(f, load, buffer, displacement - w.Lo + pad, load.Size);
            }
            users.Replace(load, replacement);
            load.Block!.Remove(load);
        }
    }

    // A little-endian load of `size` bytes at buffer + at, in halves until each piece is aligned:
    // low | high << 8 * half.
    private static Instr AlignedLoad(Function f, Instr before, Value buffer, long at, int size)
    {
        var type = size == 8 ? IrType.I64 : IrType.I32;
        if (at % size == 0)
        {
            return before.Block!.InsertBefore(before, new Instr(Op.Load, type, [buffer]) { Imm = at, Size = size, Source = before.Source });
        }
        var half = size / 2;
        Value Widen(Value v) => v.Type == type ? v : before.Block!.InsertBefore(before, new Instr(Op.ZExt, type, [v]) { Source = before.Source });
        var low = Widen(AlignedLoad(f, before, buffer, at, half));
        var high = Widen(AlignedLoad(f, before, buffer, at + half, half));
        var shifted = before.Block!.InsertBefore(before, new Instr(Op.Shl, type, [high, f.Const(type, 8 * half)]) { Source = before.Source });
        return before.Block.InsertBefore(before, new Instr(Op.Or, type, [low, shifted]) { Source = before.Source });
    }

    // (result >> 63) + 1: 1 for 0, 0 for a negative error.
    private static Instr Present(Function f, Instr call, Instr before)
    {
        var sign = before.Block!.InsertBefore(before, new Instr(Op.AShr, IrType.I64, [call, f.Const(IrType.I64, 63)]) { Source = before.Source });
        var one = before.Block.InsertBefore(before, new Instr(Op.Add, IrType.I64, [sign, f.Const(IrType.I64, 1)]) { Source = before.Source });
        return before.Block.InsertBefore(before, new Instr(Op.Trunc, IrType.I32, [one]) { Source = before.Source });
    }
}
