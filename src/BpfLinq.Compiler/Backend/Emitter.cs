using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Emission: allocated machine code -> a stream of AsmItems with symbolic jump targets.
//
// Labels are the machine blocks plus one block per split edge. Each label gets a body (moves at
// its start, instructions with their reloads and spill stores, the moves placed before its
// terminator) and a terminator, still symbolic. A label with an empty body that only jumps is
// forwarded (jump threading). BlockLayout orders the labels; then each terminator takes its
// final form from what follows it:
//   jump L        nothing when L is next; "exit" when L is nothing but exit; else "goto L"
//   branch T, F   "if c goto T" falling into F; "if !c goto F" when T is next (not for jset,
//                 which has no inverse); else "if c goto T; goto F"
// Code no jump or fall-through reaches is dropped (the verifier rejects unreachable
// instructions). BranchResolver turns labels into offsets.

/// <summary>Emits allocated machine code as symbolic instructions.</summary>
internal static class Emitter
{
    /// <summary>Emits <paramref name="function"/>; returns the items and the item index of each label.</summary>
    public static (List<AsmItem> Items, int[] Labels) Emit(MachineFunction function, Allocation allocation, FrameLayout frame)
    {
        var bodies = new List<List<AsmItem>>();
        var exits = new List<Ending>();
        var splitLabel = new Dictionary<(int Block, int Target), int>();
        foreach (var b in function.Blocks)
        {
            for (var t = 0; t < b.Succs.Length; t++)
            {
                if (allocation.Edges[b.Id][t] is { Placement: EdgePlacement.Split })
                {
                    splitLabel[(b.Id, t)] = function.Blocks.Count + splitLabel.Count;
                }
            }
        }
        int LabelOf(MachineBlock b, int t) => splitLabel.TryGetValue((b.Id, t), out var l) ? l : b.Succs[t].Target.Id;
        foreach (var b in function.Blocks)
        {
            var body = new List<AsmItem>();
            var encoder = new InstructionEncoder(frame, body);
            foreach (var (pred, t) in b.Preds)
            {
                if (allocation.Edges[pred.Id][t] is { Placement: EdgePlacement.SuccessorStart } start)
                {
                    encoder.Moves(start.Steps, EdgeSource(b, pred.Terminator));
                }
            }
            foreach (var i in b.Instrs)
            {
                encoder.Moves(allocation.Before[i.Index], i.Source);
                encoder.Instruction(i, allocation.Defs[i.Index], allocation.Uses[i.Index]);
                encoder.Moves(allocation.After[i.Index], i.Source);
            }
            var term = b.Terminator;
            encoder.Moves(allocation.Before[term.Index], term.Source);
            for (var t = 0; t < b.Succs.Length; t++)
            {
                if (allocation.Edges[b.Id][t] is { Placement: EdgePlacement.PredecessorEnd } end)
                {
                    encoder.Moves(end.Steps, EdgeSource(b.Succs[t].Target, term));
                }
            }
            bodies.Add(body);
            exits.Add(EndingOf(term, allocation.Uses[term.Index], t => LabelOf(b, t)));
        }
        // Split edges into one block that carry the same moves (`w0 = 2` on three edges into the
        // return) share one copy: a duplicate becomes an empty jump to the first, which forwarding removes.
        var firstWithMoves = new Dictionary<(int Target, MoveBody Moves), int>();
        foreach (var ((blockId, t), label) in splitLabel.OrderBy(kv => kv.Value))
        {
            var b = function.Blocks[blockId];
            var body = new List<AsmItem>();
            var source = EdgeSource(b.Succs[t].Target, b.Terminator);
            new InstructionEncoder(frame, body).Moves(allocation.Edges[blockId][t]!.Steps, source);
            var key = (b.Succs[t].Target.Id, new MoveBody(body));
            if (firstWithMoves.TryGetValue(key, out var first))
            {
                bodies.Add([]);
                exits.Add(new Ending(EndingKind.Jump, default, first, -1, source));
                continue;
            }
            firstWithMoves[key] = label;
            bodies.Add(body);
            exits.Add(new Ending(EndingKind.Jump, default, b.Succs[t].Target.Id, -1, source));
        }
        return Linearize(bodies, exits);
    }

    private static (List<AsmItem> Items, int[] Labels) Linearize(List<List<AsmItem>> bodies, List<Ending> endings)
    {
        var count = bodies.Count;
        var forward = Forwards(bodies, endings);
        var successors = new int[count][];
        for (var l = 0; l < count; l++)
        {
            var e = endings[l];
            successors[l] = e.Kind switch
            {
                EndingKind.Jump => [forward[e.Target]],
                EndingKind.Branch => [forward[e.Target], forward[e.Else]],
                _ => [],
            };
        }
        var order = BlockLayout.Order(successors, 0);
        var items = new List<AsmItem>();
        var labels = new int[count];
        Array.Fill(labels, -1);
        for (var k = 0; k < order.Count; k++)
        {
            var l = order[k];
            var next = k + 1 < order.Count ? order[k + 1] : -1;
            labels[l] = items.Count;
            items.AddRange(bodies[l]);
            var e = endings[l];
            switch (e.Kind)
            {
                case EndingKind.Exit:
                    items.Add(AsmItem.Plain(Insn.Exit(), e.Source));
                    break;
                case EndingKind.Jump:
                    var target = forward[e.Target];
                    if (target != next)
                    {
                        items.Add(IsExitOnly(target, bodies, endings)
                            ? AsmItem.Plain(Insn.Exit(), endings[target].Source)
                            : new AsmItem(AsmItemKind.Jump, Insn.Ja(0), default, target, e.Source));
                    }
                    break;
                case EndingKind.Branch:
                    var (onTrue, onFalse) = (forward[e.Target], forward[e.Else]);
                    var cond = e.Insn;
                    if (onTrue == next && Negate(cond) is { } inverse)
                    {
                        (cond, onTrue, onFalse) = (inverse, onFalse, onTrue);
                    }
                    items.Add(new AsmItem(AsmItemKind.Branch, cond, default, onTrue, e.Source));
                    if (onFalse != next)
                    {
                        items.Add(IsExitOnly(onFalse, bodies, endings)
                            ? AsmItem.Plain(Insn.Exit(), endings[onFalse].Source)
                            : new AsmItem(AsmItemKind.Jump, Insn.Ja(0), default, onFalse, e.Source));
                    }
                    break;
            }
        }
        return RemoveUnreachable(items, labels);
    }

    // Follows labels whose body is empty and that only jump.
    // Forward of every label, each chain of empty jumps walked once: a 10,000-link right-nested ?:
    // ends in a chain of 10,000 joins whose moves all coalesced away, and walking it from each of
    // them was quadratic. A chain that loops keeps the bounded walk of Forward.
    private static int[] Forwards(List<List<AsmItem>> bodies, List<Ending> endings)
    {
        var count = bodies.Count;
        var forward = new int[count];
        var onPath = new int[count];
        Array.Fill(forward, -1);
        Array.Fill(onPath, -1);
        var path = new List<int>();
        for (var l = 0; l < count; l++)
        {
            if (forward[l] >= 0)
            {
                continue;
            }
            path.Clear();
            var x = l;
            int result;
            while (true)
            {
                if (forward[x] >= 0 || !IsForwarding(x, bodies, endings))
                {
                    result = forward[x] >= 0 ? forward[x] : x;
                    break;
                }
                if (onPath[x] == l)
                {
                    result = -1; // a loop of empty jumps
                    break;
                }
                onPath[x] = l;
                path.Add(x);
                x = endings[x].Target;
            }
            if (result < 0)
            {
                forward[l] = Forward(l, bodies, endings);
                continue;
            }
            foreach (var p in path)
            {
                forward[p] = result;
            }
            forward[l] = result;
        }
        return forward;
    }

    private static bool IsForwarding(int label, List<List<AsmItem>> bodies, List<Ending> endings) =>
        label != 0 && bodies[label].Count == 0 && endings[label].Kind == EndingKind.Jump;

    private static int Forward(int label, List<List<AsmItem>> bodies, List<Ending> endings)
    {
        for (var hops = 0; hops < bodies.Count && label != 0 && bodies[label].Count == 0 && endings[label].Kind == EndingKind.Jump; hops++)
        {
            label = endings[label].Target;
        }
        return label;
    }

    private static bool IsExitOnly(int label, List<List<AsmItem>> bodies, List<Ending> endings) =>
        bodies[label].Count == 0 && endings[label].Kind == EndingKind.Exit;

    // Drops what no path from the first instruction reaches, and renumbers the labels.
    private static (List<AsmItem> Items, int[] Labels) RemoveUnreachable(List<AsmItem> items, int[] labels)
    {
        var start = new Dictionary<int, int>();
        for (var l = 0; l < labels.Length; l++)
        {
            if (labels[l] >= 0)
            {
                start[l] = labels[l];
            }
        }
        var reached = new bool[items.Count + 1];
        var work = new Stack<int>();
        work.Push(0);
        while (work.Count > 0)
        {
            var i = work.Pop();
            if (i >= items.Count || reached[i])
            {
                continue;
            }
            reached[i] = true;
            var item = items[i];
            if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch)
            {
                work.Push(start[item.Target]);
            }
            if (item.Kind != AsmItemKind.Jump && !item.IsExit)
            {
                work.Push(i + 1);
            }
        }
        var newIndex = new int[items.Count + 1];
        var kept = new List<AsmItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            newIndex[i] = kept.Count;
            if (reached[i])
            {
                kept.Add(items[i]);
            }
        }
        newIndex[items.Count] = kept.Count;
        var newLabels = new int[labels.Length];
        for (var l = 0; l < labels.Length; l++)
        {
            newLabels[l] = labels[l] < 0 ? -1 : newIndex[labels[l]];
        }
        return (kept, newLabels);
    }

    private static Insn? Negate(Insn branch) => BranchResolver.Negate(branch);

    private static Ending EndingOf(MachineInstr term, Location[] uses, Func<int, int> label)
    {
        switch (term.Opcode)
        {
            case MachineOpcode.Exit:
                return new Ending(EndingKind.Exit, default, -1, -1, term.Source);
            case MachineOpcode.Jump:
                return new Ending(EndingKind.Jump, default, label(0), -1, term.Source);
            default:
                var dst = uses[0].Reg;
                var insn = (term.Is32, term.HasImm) switch
                {
                    (false, true) => Insn.Jmp(term.JmpOp, dst, (int)term.Imm, 0),
                    (false, false) => Insn.Jmp(term.JmpOp, dst, uses[1].Reg, 0),
                    (true, true) => Insn.Jmp32(term.JmpOp, dst, (int)term.Imm, 0),
                    (true, false) => Insn.Jmp32(term.JmpOp, dst, uses[1].Reg, 0),
                };
                return new Ending(EndingKind.Branch, insn, label(0), label(1), term.Source);
        }
    }

    // Edge moves belong to the phi they bind (the ?: or the loop variable), else to the jump.
    private static SourceRef? EdgeSource(MachineBlock target, MachineInstr jump)
    {
        foreach (var s in target.ParamSources)
        {
            if (s is not null)
            {
                return s;
            }
        }
        return jump.Source;
    }

    private enum EndingKind : byte
    {
        Exit,
        Jump,
        Branch,
    }

    // A label's terminator before layout: exit, jump to Target, or branch (Insn) to Target else Else.
    private readonly record struct Ending(EndingKind Kind, Insn Insn, int Target, int Else, SourceRef? Source);

    // The instructions of a split edge's moves, equal when they encode the same (their sources aside).
    private readonly struct MoveBody(List<AsmItem> items) : IEquatable<MoveBody>
    {
        public bool Equals(MoveBody other) =>
            items.Count == other.Items.Count && items.Select(Key).SequenceEqual(other.Items.Select(Key));

        public override bool Equals(object? obj) => obj is MoveBody other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var i in items)
            {
                hash.Add(Key(i));
            }
            return hash.ToHashCode();
        }

        private List<AsmItem> Items => items;

        private static (AsmItemKind, Insn, Insn, int) Key(AsmItem i) => (i.Kind, i.Insn, i.Second, i.Target);
    }
}
