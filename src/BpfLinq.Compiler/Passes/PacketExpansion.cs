using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Turns the front end's packet reads into what the program kind allows:
/// <list type="bullet">
/// <item>tc and XDP, direct packet access: per window (<see cref="PacketWindows"/>)
///   <c>p = data + base; if (p + hi &gt; data_end) goto fail</c>, then plain loads through <c>p</c>.
///   A variable base the verifier could not bound is first checked against the largest packet
///   offset it accepts. The failed check jumps straight to where a zero read would have led, or
///   gives the owner the value 0.</item>
/// <item>cgroup_skb: direct access read by read, with <c>bpf_skb_load_bytes</c> for bytes beyond
///   the linear data (it cannot pull them in).</item>
/// <item>socket filter and sk_skb: per window one <c>bpf_skb_load_bytes</c> (offset 0)
///   or <c>bpf_skb_load_bytes_relative</c> (link or network header) into a stack buffer, then loads
///   from the buffer. The helper zeroes the buffer when the bytes are not all there, which is
///   exactly the 0-when-beyond rule, so no branch is needed.</item>
/// </list>
/// VLAN tag counting (<see cref="Op.VlanSkip"/>) becomes a chain of tests first, so its reads
/// take part. Reads come out little-endian (memory order), as <see cref="Op.PacketLoad"/> defines.
/// Runs as the optimisation loop's finisher: once the rounds are stable (equal reads are one), and
/// the loop then cleans up after it.
/// </summary>
internal sealed class PacketExpansion : IPass
{
    /// <summary>The largest packet offset the verifier accepts in pointer arithmetic (MAX_PACKET_OFF).</summary>
    public const int MaxPacketOffset = 0xffff;

    /// <inheritdoc/>
    public string Name => "expand packet access";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        if (!f.AllInstrs().Any(i => PacketWindows.IsRead(i) || i.Op == Op.VlanSkip))
        {
            return;
        }
        foreach (var skip in f.AllInstrs().Where(i => i.Op == Op.VlanSkip).ToList())
        {
            ExpandVlanSkip(f, skip);
        }
        var direct = c.ProgramKind is ProgramKind.Tc or ProgramKind.Xdp;
        foreach (var load in f.AllInstrs().Where(PacketWindows.IsRead).ToList())
        {
            // A read before the anchor is never in the packet; nor, with direct access, one past
            // the largest offset the verifier lets a packet pointer reach (linear data is shorter).
            if (PacketWindows.Address(load) is (null, var at) && (at < 0 || (direct && at + load.Size > MaxPacketOffset)))
            {
                f.ReplaceAllUses(load, f.Const(load.Type, 0));
                load.Block!.Remove(load);
            }
        }
        c.NoteChange();
        if (!f.AllInstrs().Any(PacketWindows.IsRead))
        {
            return;
        }
        var context = f.Context ?? (f.ContextInFrame is var (frame, offset) ? LoadContext(f, frame, offset) : f.Params[0]);
        if (c.ProgramKind == ProgramKind.CgroupSkb)
        {
            ExpandCgroupReads(f, context);
            return;
        }
        Value? data = null, end = null;
        if (direct)
        {
            if (f.AllInstrs().Any(i => PacketWindows.IsRead(i) && i.Anchor != PacketAnchor.Data))
            {
                throw new Diagnostics.InternalCompilerError("expand packet access", f.Name, "tc and XDP read packets from the data only; the front end anchors every view there", f.ToString());
            }
            var (loadedData, loadedEnd) = LoadDataPointers(f, context, c.ProgramKind);
            (data, end) = c.ProgramKind == ProgramKind.Tc ? PullNonlinear(f, context, loadedData, loadedEnd) : (loadedData, loadedEnd);
        }
        // Planned after the entry is split for the pull, so the windows name the blocks as they are.
        var guards = c.ProgramKind == ProgramKind.Xdp ? LengthGuards(f, data!, end!) : [];
        var plan = PacketWindows.Plan(f, guards);
        foreach (var g in guards)
        {
            foreach (var load in g.Covered)
            {
                Replace(f, load, g.Pointer);
            }
        }
        // Splitting a block moves its terminator, and so the edge a window's F takes its phi
        // values from, to the tail: this maps each split block to its tail.
        var moved = new Dictionary<Block, Block>();
        foreach (var window in plan.Windows)
        {
            if (direct)
            {
                ExpandDirect(f, window, data!, end!, moved);
            }
            else
            {
                ExpandWithHelper(f, window, context);
            }
        }
    }

    // cgroup_skb: direct access to the linear data (skb->data is the network header there, so data
    // and network anchors are one), and for bytes beyond it — a cgroup_skb program cannot pull
    // them in — bpf_skb_load_bytes, read by read:
    //   if (data + base + hi > data_end) { r = load_bytes(skb, base + lo, buf, n); v = *buf } else v = *(data + base + lo)
    // Reads do not share checks: the slow path's value lives on the stack, not behind the packet
    // pointer later reads would use. Link-header reads (before the data) always take the helper.
    private static void ExpandCgroupReads(Function f, Value context)
    {
        var reads = f.AllInstrs().Where(PacketWindows.IsRead).ToList();
        var (data, end) = LoadDataPointers(f, context, ProgramKind.CgroupSkb);
        foreach (var read in reads)
        {
            var (baseValue, displacement) = PacketWindows.Address(read);
            var window = new PacketWindow(read, baseValue, displacement, displacement + read.Size, null, null);
            if (read.Anchor == PacketAnchor.Link)
            {
                ExpandWithHelper(f, window, context);
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
            f.ReplaceAllUses(read, phi);
            IrBuilder.AddPhiIncoming(phi, rest, Replace(f, read, pointer));
            IrBuilder.AddPhiIncoming(phi, slow, copy); // the helper expansion replaces it with its value
            ExpandWithHelper(f, new PacketWindow(copy, baseValue, displacement, displacement + read.Size, null, null), context);
        }
    }

    // An XDP length test `Length >= e` (Length is data_end - data) is the bounds check
    // `data + e <= data_end`; written that way the verifier learns from it, and the reads it proves
    // present need no check of their own (flow_sample: a guard before reading the ports).
    private static List<PacketGuard> LengthGuards(Function f, Value data, Value end)
    {
        var guards = new List<PacketGuard>();
        foreach (var cmp in f.AllInstrs().Where(i => i.Op == Op.Cmp).ToList())
        {
            var (length, bound, passes) = cmp.Cond switch
            {
                Cond.SGe or Cond.UGe => (cmp.Operands[0], cmp.Operands[1], true),
                Cond.SLe or Cond.ULe => (cmp.Operands[1], cmp.Operands[0], true),
                Cond.SLt or Cond.ULt => (cmp.Operands[0], cmp.Operands[1], false),
                Cond.SGt or Cond.UGt => (cmp.Operands[1], cmp.Operands[0], false),
                _ => (null!, null!, false),
            };
            var block = cmp.Block!;
            if (length is null || !IsXdpLength(length) || block.Terminator is not { Op: Op.CondBr } branch || branch.Operands[0] != cmp
                || bound.Type != IrType.I32)
            {
                continue;
            }
            // bound = base + k (k folded as for reads), checked as data + base + k <= data_end; the
            // bound must be a small non-negative number for the two tests to agree.
            var (baseValue, k) = PacketWindows.Address(new Instr(Op.PacketLoad, IrType.I32, [bound]) { Size = 1 });
            if (k < 0 || (baseValue is null ? k : (long)Math.Min(KnownBits.UnsignedMax(baseValue), MaxPacketOffset + 1UL) + k) > MaxPacketOffset
                || (baseValue is not null && !KnownBits.IsNonNegative(baseValue)))
            {
                continue;
            }
            var passed = passes ? branch.Targets[0] : branch.Targets[1];
            if (passed.Preds.Count != 1 || branch.Targets[0] == branch.Targets[1])
            {
                continue;
            }
            Value pointer = data;
            if (baseValue is not null)
            {
                var offset = block.InsertBefore(cmp, new Instr(Op.ZExt, IrType.I64, [baseValue]) { Source = cmp.Source });
                pointer = block.InsertBefore(cmp, new Instr(Op.PtrAdd, IrType.PacketPtr, [data, offset]) { Source = cmp.Source });
            }
            var limit = block.InsertBefore(cmp, new Instr(Op.PtrAdd, IrType.PacketPtr, [pointer, f.Const(IrType.I64, k)]) { Source = cmp.Source });
            var check = block.InsertBefore(cmp, new Instr(Op.Cmp, IrType.Bool, [limit, end]) { Cond = passes ? Cond.ULe : Cond.UGt, Source = cmp.Source });
            f.ReplaceAllUses(cmp, check);
            block.Remove(cmp);
            guards.Add(new PacketGuard(baseValue, k, passed, pointer));
        }
        return guards;
    }

    // trunc(data_end - data) as the front end builds Packet.Length for XDP.
    private static bool IsXdpLength(Value v) =>
        v is Instr { Op: Op.Trunc } t && t.Operands[0] is Instr { Op: Op.Sub } sub
        && sub.Operands[0] is Instr { Op: Op.Load, Imm: 4, Size: 4 } endLoad && endLoad.Operands[0].Type == IrType.CtxPtr
        && sub.Operands[1] is Instr { Op: Op.Load, Imm: 0, Size: 4 } dataLoad && dataLoad.Operands[0].Type == IrType.CtxPtr;

    // data and data_end, loaded once at the entry.
    // A loop callback's context pointer, from the frame its caller stored it in.
    private static Instr LoadContext(Function f, Param frame, int offset)
    {
        var load = IrBuilder.Create(Op.Load, IrType.CtxPtr, frame);
        load.Imm = offset;
        load.Size = 8;
        return f.Entry.InsertBefore(f.Entry.Instrs.First(i => i.Op != Op.Phi), load);
    }

    private static (Instr Data, Instr End) LoadDataPointers(Function f, Value context, ProgramKind kind)
    {
        var (dataOffset, endOffset) = kind == ProgramKind.Xdp ? (0, 4) : (76, 80); // xdp_md.data/data_end, __sk_buff.data/data_end
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

    // A tc packet's bytes may lie beyond the linear area that direct access reaches. When the
    // linear area is shorter than the most any read needs (M, capped by the packet's length),
    // bpf_skb_pull_data makes those bytes linear and the pointers are loaded again:
    //   if (data + M > data_end) { n = min(len, M); if (data + n > data_end) { pull(n); reload } }
    // Long linear packets pay one compare; short ones a second; only non-linear ones the call.
    private static (Value Data, Value End) PullNonlinear(Function f, Value context, Instr data, Instr end)
    {
        var most = f.AllInstrs().Where(PacketWindows.IsRead).Max(r =>
        {
            var (baseValue, displacement) = PacketWindows.Address(r);
            return Math.Min(MaxPacketOffset, (baseValue is null ? 0 : (long)Math.Min(UpperBound(baseValue), MaxPacketOffset)) + displacement + r.Size);
        });
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

    private static void ExpandDirect(Function f, PacketWindow w, Value data, Value end, Dictionary<Block, Block> moved)
    {
        var owner = w.Owner;
        var check = owner.Block!;
        var rest = check.SplitBefore(owner);
        moved[check] = rest;
        var b = new IrBuilder(f) { Current = check, Source = owner.Source };
        var fail = w.RefutesTo ?? f.AddBlock();
        var fromBlocks = new List<Block>();
        Value pointer = data;
        if (w.Base is { } baseValue)
        {
            if (UpperBound(baseValue) + (ulong)Math.Max(w.Hi, 0) > MaxPacketOffset)
            {
                var inRange = f.AddBlock();
                b.CondBr(b.Cmp(Cond.UGt, baseValue, f.Const(baseValue.Type, MaxPacketOffset - w.Hi)), fail, inRange);
                fromBlocks.Add(check);
                b.Current = inRange;
            }
            var offset = baseValue.Type == IrType.I32 ? b.Unary(Op.ZExt, IrType.I64, baseValue) : baseValue;
            pointer = b.PtrAdd(data, offset);
        }
        var limit = b.PtrAdd(pointer, f.Const(IrType.I64, w.Hi));
        b.CondBr(b.Cmp(Cond.UGt, limit, end), fail, rest);
        fromBlocks.Add(b.Current!);
        if (w.RefutesTo is { } target)
        {
            // F's phis take the values of the edge the failed check stands for (the owner's
            // block is now `rest`).
            var source = w.From!;
            while (moved.TryGetValue(source, out var tail))
            {
                source = tail;
            }
            foreach (var from in fromBlocks)
            {
                target.AddIncoming(from, phi => phi.IncomingFrom(source));
            }
            Replace(f, owner, pointer);
        }
        else
        {
            // fail: the owner reads 0 (is absent) and the block goes on.
            var join = rest.SplitBefore(owner.Block!.Instrs.SkipWhile(i => i != owner).Skip(1).First());
            moved[rest] = join;
            rest.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [join], Source = owner.Source });
            fail.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [join], Source = owner.Source });
            var phi = join.InsertPhi(new Instr(Op.Phi, owner.Type, []) { Source = owner.Source });
            f.ReplaceAllUses(owner, phi);
            IrBuilder.AddPhiIncoming(phi, rest, Replace(f, owner, pointer));
            IrBuilder.AddPhiIncoming(phi, fail, f.Const(owner.Type, 0));
        }
        foreach (var load in w.Covered)
        {
            Replace(f, load, pointer);
        }
    }

    private static void ExpandWithHelper(Function f, PacketWindow w, Value context)
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
            f.ReplaceAllUses(load, replacement);
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

    // A read becomes a plain load through the window's pointer (a presence test, 1), replacing the
    // read's uses; the read itself is removed. Returns the replacement.
    private static Value Replace(Function f, Instr load, Value pointer)
    {
        Value replacement;
        if (load.Op == Op.PacketHas)
        {
            replacement = f.Const(IrType.I32, 1);
        }
        else
        {
            var (_, displacement) = PacketWindows.Address(load);
            replacement = load.Block!.InsertBefore(load, new Instr(Op.Load, load.Type, [pointer]) { Imm = displacement, Size = load.Size, Source = load.Source });
        }
        f.ReplaceAllUses(load, replacement);
        load.Block!.Remove(load);
        return replacement;
    }

    // An upper bound of an unsigned offset, from constants, masks, shifts and sums (what the
    // verifier's range tracking also sees).
    private static ulong UpperBound(Value v, int depth = 6)
    {
        if (v is Constant c)
        {
            return (ulong)c.Bits & KnownBits.WidthMask(v.Type);
        }
        if (depth > 0 && v is Instr { Op: Op.Add } add)
        {
            var sum = UpperBound(add.Operands[0], depth - 1) + UpperBound(add.Operands[1], depth - 1);
            if (sum <= KnownBits.WidthMask(v.Type) && sum >= UpperBound(add.Operands[0], depth - 1))
            {
                return sum;
            }
        }
        if (depth > 0 && v is Instr { Op: Op.Shl } shl && shl.Operands[1] is Constant s && s.Bits is >= 0 and < 16)
        {
            var shifted = UpperBound(shl.Operands[0], depth - 1) << (int)s.Bits;
            if (shifted <= KnownBits.WidthMask(v.Type))
            {
                return shifted;
            }
        }
        return KnownBits.UnsignedMax(v);
    }

    // count = 0; while (count < max && type(12 + 4 count) is 0x8100 or 0x88a8) count++, unrolled:
    // C_k: t = type k; if t == 0x8100 goto C_k+1; D_k: if t == 0x88a8 goto C_k+1 else join(k);
    // C_max: join(max).
    private static void ExpandVlanSkip(Function f, Instr skip)
    {
        var block = skip.Block!;
        var join = block.SplitBefore(skip);
        var phi = join.InsertPhi(new Instr(Op.Phi, IrType.I32, []) { Source = skip.Source });
        f.ReplaceAllUses(skip, phi);
        join.Remove(skip);
        var b = new IrBuilder(f) { Current = block, Source = skip.Source };
        var max = (int)skip.Imm;
        for (var k = 0; k < max; k++)
        {
            var next = f.AddBlock();
            var other = f.AddBlock();
            var load = b.Current!.Append(new Instr(Op.PacketLoad, IrType.I32, [skip.Operands[0]]) { Imm = 12 + (4 * k), Size = 2, Anchor = skip.Anchor, Source = skip.Source });
            // Memory order: 0x8100 reads 0x0081, 0x88a8 reads 0xa888.
            b.CondBr(b.Cmp(Cond.Eq, load, f.Const(IrType.I32, 0x0081)), next, other);
            b.Current = other;
            b.CondBr(b.Cmp(Cond.Eq, load, f.Const(IrType.I32, 0xa888)), next, join);
            IrBuilder.AddPhiIncoming(phi, other, f.Const(IrType.I32, k));
            b.Current = next;
        }
        b.Br(join);
        IrBuilder.AddPhiIncoming(phi, b.Current!, f.Const(IrType.I32, max));
    }
}
