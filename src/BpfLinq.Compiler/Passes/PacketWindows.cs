using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Plans which packet reads share one bounds check (or one <c>bpf_skb_load_bytes</c>): each
/// <see cref="Op.PacketLoad"/> either owns a <see cref="PacketWindow"/> or is covered by a dominating one.
/// <para>
/// The rule that makes one check per header possible without changing any result: a read
/// <em>refutes to</em> block F when a zero value sends its block's branch to F with nothing else
/// done on the way (<c>ip.Protocol == 6</c>: a 0 read fails the test). When the window's owner
/// refutes to F, and every path from the owner either reaches a later read (which refutes to F too)
/// or goes to F without side effects, then checking the later read's bytes already at the owner
/// changes nothing: a packet too short for them would have ended in F anyway, and F is where the
/// wider check sends it. Reads inside a window whose owner refutes need no check of their own:
/// they are reached only when the owner's check passed.
/// </para>
/// <para>
/// Windows are per (anchor, base value): constant offsets share the base "constant 0", a header
/// at a variable offset (after the IP options, after VLAN tags) gets its own base, so a chain of
/// header reads costs one check per variable-length step, as an expert writes by hand.
/// </para>
/// </summary>
internal sealed class PacketWindows
{
    private readonly Function _f;
    private readonly DominatorTree<Block> _dom;
    private readonly DefUse _uses;
    private readonly Dictionary<Instr, Refutation?> _refutes = [];

    private PacketWindows(Function f)
    {
        _f = f;
        _dom = DominatorTree.Compute(f);
        _uses = DefUse.Compute(f);
    }

    /// <summary>The windows, in dominator pre-order of their owners.</summary>
    public List<PacketWindow> Windows { get; } = [];

    /// <summary>Bounds checks already in the program (an XDP length test turned into one): reads they prove present are covered.</summary>
    public List<PacketGuard> Guards { get; } = [];

    /// <summary>Plans the windows of every packet read in <paramref name="f"/>, given the checks <paramref name="guards"/> the program already makes.</summary>
    public static PacketWindows Plan(Function f, IEnumerable<PacketGuard>? guards = null)
    {
        var plan = new PacketWindows(f);
        plan.Guards.AddRange(guards ?? []);
        foreach (var block in plan._dom.PreOrder())
        {
            foreach (var load in block.Instrs.Where(IsRead).ToList())
            {
                plan.Place(load);
            }
        }
        return plan;
    }

    /// <summary>True for the instructions windows plan: packet reads and presence tests.</summary>
    public static bool IsRead(Instr i) => i.Op is Op.PacketLoad or Op.PacketHas;

    /// <summary>
    /// The base value and displacement of a read: constant offsets fold into the displacement, and
    /// so does a constant added to a base that is never negative (header offsets: the IP header
    /// after VLAN tags is their end + 14), so reads of one header share a base and a window.
    /// </summary>
    public static (Value? Base, long Displacement) Address(Instr load)
    {
        var offset = load.Operands[0];
        var displacement = load.Imm;
        while (offset is Instr { Op: Op.Add } add && add.Operands[1] is Constant { Bits: >= 0 and <= 0xffff } c
            && KnownBits.IsNonNegative(add.Operands[0]) && KnownBits.UnsignedMax(add.Operands[0]) <= 0xffff)
        {
            displacement += c.Bits;
            offset = add.Operands[0];
        }
        return offset is Constant k ? (null, (int)k.Bits + displacement) : (offset, displacement);
    }

    private void Place(Instr load)
    {
        var (baseValue, displacement) = Address(load);
        var lo = displacement;
        var hi = displacement + load.Size;
        foreach (var g in Guards)
        {
            if (g.Base == baseValue && lo >= 0 && hi <= g.Hi && _dom.Dominates(g.Passed, load.Block!))
            {
                g.Covered.Add(load);
                return;
            }
        }
        foreach (var w in Windows)
        {
            if (w.Anchor != load.Anchor || w.Base != baseValue || w.RefutesTo is not { } f || !Dominates(w.Owner, load) || Reaches(f, load.Block!))
            {
                continue;
            }
            // A packet holding byte hi - 1 holds every byte before it: coverage only needs the end.
            if (lo >= 0 && hi <= w.Hi)
            {
                w.Lo = Math.Min(w.Lo, lo);
                w.Covered.Add(load);
                return;
            }
            if (RefutationOf(load) is { } r && r.Target == f && SameIncoming(f, w.From!, r.From) && RegionReaches(w, load))
            {
                w.Lo = Math.Min(w.Lo, lo);
                w.Hi = Math.Max(w.Hi, hi);
                w.Covered.Add(load);
                return;
            }
        }
        var own = RefutationOf(load);
        Windows.Add(new PacketWindow(load, baseValue, lo, hi, own?.Target, own?.From));
    }

    private bool Dominates(Instr a, Instr b) =>
        a.Block == b.Block ? IndexOf(a) < IndexOf(b) : _dom.Dominates(a.Block!, b.Block!);

    private static int IndexOf(Instr i) => ((List<Instr>)[.. i.Block!.Instrs]).IndexOf(i);

    // Can control get from `from` to `to`?
    private static bool Reaches(Block from, Block to)
    {
        var seen = new HashSet<Block> { from };
        var work = new Stack<Block>([from]);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b == to)
            {
                return true;
            }
            foreach (var s in b.Succs.Where(seen.Add))
            {
                work.Push(s);
            }
        }
        return false;
    }

    // F's phis receive the same values from both blocks (a packet now reaches F from the owner's
    // check instead of from the later read's block, and must bring the same values).
    private static bool SameIncoming(Block f, Block a, Block b) =>
        f.Phis.All(phi => !phi.PhiBlocks.Contains(a) || !phi.PhiBlocks.Contains(b) || phi.IncomingFrom(a) == phi.IncomingFrom(b));

    // Every path from the window's owner reaches the read's block or F, through side-effect-free
    // blocks that send F the owner's values, and never comes back to the owner.
    private static bool RegionReaches(PacketWindow w, Instr load)
    {
        var ownerBlock = w.Owner.Block!;
        var target = load.Block!;
        var f = w.RefutesTo!;
        if (ownerBlock == target)
        {
            return false;
        }
        if (target.Instrs.TakeWhile(i => i != load).Any(i => i.Info.HasSideEffects && !i.IsTerminator))
        {
            return false;
        }
        // The owner's own block may go to F too (`a || b`: a true goes to the same join), but with
        // other values than the failed check would bring: then widening would change the result.
        if (ownerBlock.Succs.Contains(f) && !SameIncoming(f, w.From!, ownerBlock))
        {
            return false;
        }
        var seen = new HashSet<Block>();
        var work = new Stack<Block>(ownerBlock.Succs);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b == f || b == target || !seen.Add(b))
            {
                continue;
            }
            if (b == ownerBlock || b.Terminator is not { Op: not Op.Ret } t || b.Instrs.Any(i => i.Info.HasSideEffects && !i.IsTerminator))
            {
                return false;
            }
            if (t.Targets.Contains(f) && !SameIncoming(f, w.From!, b))
            {
                return false;
            }
            foreach (var s in t.Targets)
            {
                work.Push(s);
            }
        }
        return true;
    }

    /// <summary>Where a zero value of <paramref name="load"/> sends control, when that is decided within its block; null otherwise.</summary>
    public Refutation? RefutationOf(Instr load)
    {
        if (!_refutes.TryGetValue(load, out var r))
        {
            r = ComputeRefutation(load);
            _refutes[load] = r;
        }
        return r;
    }

    // Follows the zero value through the read's block and on through blocks whose branches it
    // alone decides (`port == 80 || port == 443`: both tests fail for 0), to the first block it
    // does not decide: that is F. Everything passed on the way is skipped by a failed check, so it
    // must be pure and used only there.
    private Refutation? ComputeRefutation(Instr load)
    {
        const int MaxBlocks = 4;
        var known = new Dictionary<Value, long> { [load] = 0 };
        var skipped = new List<Block>();
        var defined = new HashSet<Instr> { load };
        var block = load.Block!;
        var instrs = block.Instrs.SkipWhile(i => i != load).Skip(1).ToList();
        while (true)
        {
            if (instrs.Any(i => i.Op == Op.Phi || (i.Info.HasSideEffects && !i.IsTerminator)))
            {
                return null;
            }
            foreach (var i in instrs.Where(i => !i.IsTerminator))
            {
                defined.Add(i);
                if (Evaluate(i, known) is { } v)
                {
                    known[i] = v;
                }
            }
            Block target;
            switch (block.Terminator)
            {
                case { Op: Op.CondBr } branch when known.TryGetValue(branch.Operands[0], out var taken):
                    target = taken != 0 ? branch.Targets[0] : branch.Targets[1];
                    break;
                case { Op: Op.Br } jump:
                    target = jump.Targets[0];
                    break;
                default:
                    return null;
            }
            skipped.Add(block);
            var follow = skipped.Count < MaxBlocks && !skipped.Contains(target) && !target.Phis.Any()
                && target.Terminator is { Op: Op.CondBr or Op.Br } && Decides(target, known);
            if (!follow)
            {
                return Valid(target, block, skipped, defined) ? new Refutation(target, block) : null;
            }
            block = target;
            instrs = [.. target.Instrs];
        }
    }

    // Whether the zero value decides the block's branch (its instructions evaluated on what is known).
    private static bool Decides(Block block, Dictionary<Value, long> known)
    {
        var local = new Dictionary<Value, long>(known);
        foreach (var i in block.Instrs.Where(i => !i.IsTerminator))
        {
            if (i.Info.HasSideEffects || IsRead(i) || i.Op == Op.VlanSkip)
            {
                return false;
            }
            if (Evaluate(i, local) is { } v)
            {
                local[i] = v;
            }
        }
        return block.Terminator is { Op: Op.Br } || local.ContainsKey(block.Terminator!.Operands[0]);
    }

    // A failed check jumps from the read's block to F, skipping the blocks passed: their values
    // may be used inside them, or where only a passed check leads (dominated by the read's block,
    // out of F's reach); F's phis must not take values they define.
    private bool Valid(Block target, Block from, List<Block> skipped, HashSet<Instr> defined) =>
        !skipped.Contains(target)
        && defined.All(d => _uses.Uses(d).All(u => skipped.Contains(u.Site) && u.User.Op != Op.Phi
            || (_dom.Dominates(skipped[0], u.Site) && !Reaches(target, u.Site) && !skipped.Contains(u.Site))))
        && !target.Phis.Any(phi => phi.IncomingFrom(from) is Instr d && defined.Contains(d));

    private static long? Evaluate(Instr i, Dictionary<Value, long> known)
    {
        long? Get(Value v) => v is Constant c ? c.Bits : known.TryGetValue(v, out var x) ? x : null;
        if (i.Operands.Select(Get).ToList() is not { } args || args.Any(a => a is null))
        {
            return null;
        }
        return i.Op switch
        {
            >= Op.Add and <= Op.AShr => IrArithmetic.Binary(i.Op, i.Type, args[0]!.Value, args[1]!.Value),
            Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc or Op.SExtIn or Op.ByteSwap => IrArithmetic.Unary(i.Op, i.Type, args[0]!.Value, i.Imm),
            Op.Cmp => IrArithmetic.Compare(i.Cond, i.Operands[0].Type, args[0]!.Value, args[1]!.Value) ? 1 : 0,
            _ => null,
        };
    }
}

/// <summary>A check the program makes itself: past it (in <see cref="Passed"/>), data + base + <see cref="Hi"/> is within the packet, through <see cref="Pointer"/> = data + base.</summary>
internal sealed class PacketGuard(Value? baseValue, long hi, Block passed, Value pointer)
{
    /// <summary>The variable part of the offset, or null.</summary>
    public Value? Base { get; } = baseValue;

    /// <summary>Bytes known present after data + base.</summary>
    public long Hi { get; } = hi;

    /// <summary>The block entered when the check passes (its only way in).</summary>
    public Block Passed { get; } = passed;

    /// <summary>data + base, the pointer reads it covers go through.</summary>
    public Value Pointer { get; } = pointer;

    /// <summary>Reads it covers.</summary>
    public List<Instr> Covered { get; } = [];
}

/// <summary>Where a read's zero value sends control (see <see cref="PacketWindows"/>).</summary>
/// <param name="Target">The block (F).</param>
/// <param name="From">The block whose edge reaches F: F's phis take their values from it.</param>
internal sealed record Refutation(Block Target, Block From);

/// <summary>Bytes [<see cref="Lo"/>, <see cref="Hi"/>) from anchor + base, checked (or fetched) once at <see cref="Owner"/>.</summary>
internal sealed class PacketWindow(Instr owner, Value? baseValue, long lo, long hi, Block? refutesTo, Block? from)
{
    /// <summary>The read where the check goes.</summary>
    public Instr Owner { get; } = owner;

    /// <summary>Where the offsets count from.</summary>
    public PacketAnchor Anchor => Owner.Anchor;

    /// <summary>The variable part of the offsets, or null for constant offsets.</summary>
    public Value? Base { get; } = baseValue;

    /// <summary>First byte.</summary>
    public long Lo { get; set; } = lo;

    /// <summary>One past the last byte.</summary>
    public long Hi { get; set; } = hi;

    /// <summary>Where a failed check goes directly (the owner's zero value leads there), or null: the owner then reads 0 and goes on.</summary>
    public Block? RefutesTo { get; } = refutesTo;

    /// <summary>The block whose edge to <see cref="RefutesTo"/> a failed check stands for (F's phis take its values).</summary>
    public Block? From { get; } = from;

    /// <summary>Later reads inside the window, which need no check.</summary>
    public List<Instr> Covered { get; } = [];
}
