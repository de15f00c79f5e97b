using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Compilation;
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
internal sealed partial class PacketExpansion : IPass
{
    /// <summary>The largest packet offset the verifier accepts in pointer arithmetic (MAX_PACKET_OFF).</summary>
    public const int MaxPacketOffset = 0xffff;

    /// <inheritdoc/>
    public string Name => "expand-packet-access";

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
        var kind = ProgramKindTable.Of(c.ProgramKind);
        // A pull in a subprogram or callback would invalidate the caller's packet pointers (the verifier
        // sees the callee change the packet): there a pulling kind reads through bpf_skb_load_bytes.
        var direct = kind.PacketAccess == PacketAccess.Direct && (f.ReturnsToKernel || !kind.PullsNonlinearData || c.LinearPackets);
        var users = ReadUsers.Of(f);
        foreach (var load in f.AllInstrs().Where(PacketWindows.IsRead).ToList())
        {
            // A read before the anchor is never in the packet; nor, with direct access, one past
            // the largest offset the verifier lets a packet pointer reach (linear data is shorter).
            if (PacketWindows.Address(load) is (null, var at) && (at < 0 || (direct && at + load.Size > MaxPacketOffset)))
            {
                users.Replace(load, f.Const(load.Type, 0));
                load.Block!.Remove(load);
            }
        }
        c.NoteChange();
        if (!f.AllInstrs().Any(PacketWindows.IsRead))
        {
            return;
        }
        var context = f.Context ?? (f.ContextInFrame is var (frame, offset) ? LoadContext(f, frame, offset) : f.Params[0]);
        if (kind.PacketAccess == PacketAccess.DirectWithHelperFallback)
        {
            ExpandCgroupReads(f, context, kind.DataPointers, users);
            return;
        }
        Value? data = null, end = null;
        var pulls = kind.PullsNonlinearData && !c.LinearPackets;
        var most = pulls ? Math.Max(MostRead(f), GuardExtent(f)) : MostRead(f);
        if (direct)
        {
            if (f.AllInstrs().Any(i => PacketWindows.IsRead(i) && i.Anchor != PacketAnchor.Data))
            {
                throw new InternalCompilerError("expand-packet-access", f.Name, "tc and XDP read packets from the data only; the front end anchors every view there", f.ToString());
            }
            var (loadedData, loadedEnd) = LoadDataPointers(f, context, kind.DataPointers);
            (data, end) = pulls ? PullNonlinear(f, context, loadedData, loadedEnd, most) : (loadedData, loadedEnd);
        }
        // Planned after the entry is split for the pull, so the windows name the blocks as they are.
        // After tc's pull the linear data holds min(len, most read) bytes, so `len >= n` is
        // `data + n <= data_end` for every n up to the most read; XDP's length is data_end - data.
        var guards = !direct ? []
            : kind.LengthTestsGuardReads ? LengthGuards(f, data!, end!, IsXdpLength, MaxPacketOffset)
            : pulls ? LengthGuards(f, data!, end!, IsSkbLength, most)
            : [];
        var plan = PacketWindows.Plan(f, guards);
        foreach (var g in guards)
        {
            foreach (var load in g.Covered)
            {
                Replace(load, g.Pointer, users);
            }
        }
        // Splitting a block moves its terminator, and so the edge a window's F takes its phi
        // values from, to the tail: this maps each split block to its tail.
        var moved = new Dictionary<Block, Block>();
        foreach (var window in plan.Windows)
        {
            if (direct)
            {
                ExpandDirect(f, window, data!, end!, moved, users);
            }
            else
            {
                ExpandWithHelper(f, window, context, users);
            }
        }
    }

    // A length test `Length >= e` is the bounds check `data + e <= data_end` when e is at most
    // `most` (XDP: Length is data_end - data; tc: the pull made min(len, most) bytes linear);
    // written that way the verifier learns from it, and the reads it proves present need no check
    // of their own (flow_sample: a guard before reading the ports).
    private static List<PacketGuard> LengthGuards(Function f, Value data, Value end, Func<Value, bool> isLength, long most)
    {
        var guards = new List<PacketGuard>();
        foreach (var cmp in f.AllInstrs().Where(i => i.Op == Op.Cmp).ToList())
        {
            var (length, bound, passes) = LengthTest(cmp);
            var block = cmp.Block!;
            if (length is null || !isLength(length) || block.Terminator is not { Op: Op.CondBr } branch || branch.Operands[0] != cmp
                || bound.Type != IrType.I32)
            {
                continue;
            }
            // bound = base + k (k folded as for reads), checked as data + base + k <= data_end; the
            // bound must be a small non-negative number for the two tests to agree.
            var (baseValue, k) = PacketWindows.Address(new Instr(Op.PacketLoad, IrType.I32, [bound]) { Size = 1 });
            if (k < 0 || (baseValue is null ? k : (long)Math.Min(KnownBits.UnsignedMax(baseValue), MaxPacketOffset + 1UL) + k) > most
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

    // `length >= bound` (passes: true) or `length < bound` (false), either way round; nulls otherwise.
    private static (Value Length, Value Bound, bool Passes) LengthTest(Instr cmp) => cmp.Cond switch
    {
        Cond.SGe or Cond.UGe => (cmp.Operands[0], cmp.Operands[1], true),
        Cond.SLe or Cond.ULe => (cmp.Operands[1], cmp.Operands[0], true),
        Cond.SLt or Cond.ULt => (cmp.Operands[0], cmp.Operands[1], false),
        Cond.SGt or Cond.UGt => (cmp.Operands[1], cmp.Operands[0], false),
        _ => (null!, null!, false),
    };

    // The largest constant a tc length test compares with: the pull makes that much linear too, so
    // the test can become the bounds check of the reads it guards.
    private static long GuardExtent(Function f) => f.AllInstrs()
        .Where(i => i.Op == Op.Cmp)
        .Select(LengthTest)
        .Where(t => t.Length is not null && IsSkbLength(t.Length) && t.Bound is Constant { Bits: > 0 and <= MaxPacketOffset })
        .Select(t => ((Constant)t.Bound).Bits)
        .DefaultIfEmpty(0)
        .Max();

    // __sk_buff.len, as the front end builds Packet.Length for the socket-buffer kinds.
    private static bool IsSkbLength(Value v) =>
        v is Instr { Op: Op.Load, Imm: 0, Size: 4 } load && load.Operands[0].Type == IrType.CtxPtr;

    // trunc(data_end - data) as the front end builds Packet.Length for XDP.
    private static bool IsXdpLength(Value v) =>
        v is Instr { Op: Op.Trunc } t && t.Operands[0] is Instr { Op: Op.Sub } sub
        && sub.Operands[0] is Instr { Op: Op.Load, Imm: 4, Size: 4 } endLoad && endLoad.Operands[0].Type == IrType.CtxPtr
        && sub.Operands[1] is Instr { Op: Op.Load, Imm: 0, Size: 4 } dataLoad && dataLoad.Operands[0].Type == IrType.CtxPtr;

    private static void ExpandDirect(Function f, PacketWindow w, Value data, Value end, Dictionary<Block, Block> moved, ReadUsers users)
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
            foreach (var phi in target.Phis)
            {
                if (phi.IncomingFrom(source) is Instr read && PacketWindows.IsRead(read))
                {
                    users.Add(read, phi); // a read not expanded yet, now used on the new edges too
                }
            }
            Replace(owner, pointer, users);
        }
        else
        {
            // fail: the owner reads 0 (is absent) and the block goes on.
            var join = rest.SplitBefore(owner.Block!.Instrs.SkipWhile(i => i != owner).Skip(1).First());
            moved[rest] = join;
            rest.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [join], Source = owner.Source });
            fail.SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [join], Source = owner.Source });
            var phi = join.InsertPhi(new Instr(Op.Phi, owner.Type, []) { Source = owner.Source });
            users.Replace(owner, phi);
            IrBuilder.AddPhiIncoming(phi, rest, Replace(owner, pointer, users));
            IrBuilder.AddPhiIncoming(phi, fail, f.Const(owner.Type, 0));
        }
        foreach (var load in w.Covered)
        {
            Replace(load, pointer, users);
        }
    }

    // A read becomes a plain load through the window's pointer (a presence test, 1), replacing the
    // read's uses; the read itself is removed. Returns the replacement.
    private static Value Replace(Instr load, Value pointer, ReadUsers users)
    {
        Value replacement;
        if (load.Op == Op.PacketHas)
        {
            replacement = load.Block!.Function.Const(IrType.I32, 1);
        }
        else
        {
            var (_, displacement) = PacketWindows.Address(load);
            replacement = load.Block!.InsertBefore(load, new Instr(Op.Load, load.Type, [pointer]) { Imm = displacement, Size = load.Size, Source = load.Source });
        }
        users.Replace(load, replacement);
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

    // count = 0; while (count < max && has(18 + 4 count) && type(12 + 4 count) is 0x8100 or 0x88a8)
    // count++, unrolled (a tag counts only when the header with it is whole):
    // C_k: if !has goto join(k); T_k: t = type k; if t == 0x8100 goto C_k+1;
    // D_k: if t == 0x88a8 goto C_k+1 else join(k); C_max: join(max).
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
            var tagged = f.AddBlock();
            var whole = b.Current!.Append(new Instr(Op.PacketHas, IrType.I32, [skip.Operands[0]]) { Imm = 14 + (4 * k), Size = 4, Anchor = skip.Anchor, Source = skip.Source });
            IrBuilder.AddPhiIncoming(phi, b.Current, f.Const(IrType.I32, k));
            b.CondBr(b.Cmp(Cond.Ne, whole, f.Const(IrType.I32, 0)), tagged, join);
            b.Current = tagged;
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
