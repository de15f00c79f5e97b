using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Redundant constant moves, on the laid-out stream just before branch resolution. Phi copies are
// placed per edge, so two edges into one join that carry the same constant each get their own
// "w0 = 0" — in `d != 0 && d != -1 ? x / d : 0` the second sits on a path where the first
// already ran:
//     w0 = 0; if w2 == 0 goto exit; w0 = 0; if w2 == -1 goto exit; ...
// Known constants per register are a forward dataflow over the items (a label's state is the meet
// of every jump to it and the fall-through; "same value on all paths" or unknown). A move of an
// immediate into a register that already holds exactly that 64-bit value is dropped. Only moves
// of immediates and register copies of known constants make a register known; anything else that
// writes a register (ALU, loads, calls for r0-r5, atomics with fetch) forgets it. Deleting an item
// renumbers the labels, as unreachable-code removal does.
// Besides constants, one symbolic value is tracked: the context pointer r1 holds on entry. The
// allocator moves it to a callee-saved register when it lives across calls and copies it back
// for each call; the copy before the first call finds r1 still holding it and goes too.

/// <summary>Deletes moves of a constant into a register that holds it on every path.</summary>
internal static class RedundantMoves
{
    private const int Registers = 11;

    /// <summary>The items without redundant constant moves, and the labels renumbered.</summary>
    public static (List<AsmItem> Items, int[] Labels) Remove(List<AsmItem> items, int[] labels)
    {
        var isTarget = new bool[items.Count + 1];
        isTarget[0] = true;
        foreach (var item in items)
        {
            if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch)
            {
                isTarget[labels[item.Target]] = true;
            }
        }
        var entries = Solve(items, labels, isTarget);
        var keep = new bool[items.Count];
        Array.Fill(keep, true);
        var state = new Known?[Registers];
        for (var start = 0; start < items.Count; start++)
        {
            if (!isTarget[start] || entries[start] is not { } entry)
            {
                continue;
            }
            entry.CopyTo(state, 0);
            for (var i = start; i < items.Count && (i == start || !isTarget[i]); i++)
            {
                var item = items[i];
                keep[i] = !(item.Kind == AsmItemKind.Plain && ConstantMove(item.Insn, state) is { } move && state[(int)move.Dst] == move.Value);
                Transfer(item, state);
                if (item.Kind == AsmItemKind.Jump || item.IsExit)
                {
                    break;
                }
            }
        }
        return Compact(items, labels, keep);
    }

    // The known register values on entry to each jump target and to the first item (null: no path
    // reaches it). Only those need a state of their own: any other item is reached from the one
    // before it alone, so each run is walked with one state changed in place.
    private static Known?[]?[] Solve(List<AsmItem> items, int[] labels, bool[] isTarget)
    {
        var entries = new Known?[]?[items.Count + 1];
        entries[0] = EntryState();
        var work = new Stack<int>();
        work.Push(0);
        var state = new Known?[Registers];
        while (work.Count > 0)
        {
            var start = work.Pop();
            entries[start]!.CopyTo(state, 0);
            for (var i = start; i < items.Count; i++)
            {
                if (i != start && isTarget[i])
                {
                    if (Merge(entries, i, state))
                    {
                        work.Push(i);
                    }
                    break;
                }
                var item = items[i];
                Transfer(item, state);
                if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch && Merge(entries, labels[item.Target], state))
                {
                    work.Push(labels[item.Target]);
                }
                if (item.Kind == AsmItemKind.Jump || item.IsExit)
                {
                    break;
                }
            }
        }
        return entries;
    }

    // Meets `incoming` into the state on entry to item `at`; true when that state changed.
    private static bool Merge(Known?[]?[] states, int at, Known?[] incoming)
    {
        if (states[at] is not { } current)
        {
            states[at] = (Known?[])incoming.Clone();
            return true;
        }
        var changed = false;
        for (var r = 0; r < Registers; r++)
        {
            if (current[r] is not null && current[r] != incoming[r])
            {
                current[r] = null;
                changed = true;
            }
        }
        return changed;
    }

    // Applies one item to the state in place.
    private static void Transfer(AsmItem item, Known?[] state)
    {
        var insn = item.Insn;
        if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch)
        {
            return;
        }
        if (ConstantMove(insn, state) is { } move)
        {
            state[(int)move.Dst] = move.Value;
            return;
        }
        switch (insn.Class)
        {
            case InsnClass.Alu or InsnClass.Alu64 or InsnClass.Ldx or InsnClass.Ld:
                state[(int)insn.Dst] = null;
                break;
            case InsnClass.Stx when insn.Mode == Mode.Atomic:
                state[(int)insn.Src] = null; // a fetch writes the old value to src
                state[(int)Reg.R0] = null; // cmpxchg writes it to r0
                break;
            case InsnClass.Jmp when insn.IsCall:
                for (var r = 0; r <= 5; r++)
                {
                    state[r] = null;
                }
                break;
        }
    }

    // The register and the value a move sets it to, when that value is known.
    private static (Reg Dst, Known Value)? ConstantMove(Insn insn, Known?[] state)
    {
        if (insn.Class is not (InsnClass.Alu or InsnClass.Alu64) || insn.AluOp != AluOp.Mov || insn.Offset != 0)
        {
            return null;
        }
        var value = insn.Source == Source.Imm ? new Known(insn.Imm, false) : state[(int)insn.Src];
        return value switch
        {
            null => null,
            { IsContext: true } when insn.Class == InsnClass.Alu => null, // w = w keeps half a pointer
            { IsContext: true } v => (insn.Dst, v),
            { } v => (insn.Dst, new Known(insn.Class == InsnClass.Alu ? (uint)v.Bits : v.Bits, false)),
        };
    }

    private static Known?[] EntryState()
    {
        var state = new Known?[Registers];
        state[(int)Reg.R1] = new Known(0, IsContext: true);
        return state;
    }

    // A register's known value: a 64-bit constant, or the context pointer r1 held on entry.
    private readonly record struct Known(long Bits, bool IsContext);

    private static (List<AsmItem> Items, int[] Labels) Compact(List<AsmItem> items, int[] labels, bool[] keep)
    {
        var newIndex = new int[items.Count + 1];
        var kept = new List<AsmItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            newIndex[i] = kept.Count;
            if (keep[i])
            {
                kept.Add(items[i]);
            }
        }
        newIndex[items.Count] = kept.Count;
        return (kept, labels.Select(l => l < 0 ? -1 : newIndex[l]).ToArray());
    }
}
