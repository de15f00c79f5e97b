using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Places a function's stack buffers (<see cref="Op.StackSlot"/>: map keys and values, <c>LoadBytes</c>
/// buffers, loop frames) at the top of its frame, each 8-byte aligned. Two buffers share bytes when
/// their addresses are never live at the same time (a stack colouring by liveness, as LLVM's
/// StackColoring): a buffer's contents matter only while some pointer into it (the slot or an offset
/// from it) is still to be used, by a load, a store's address or a call. A buffer whose address goes
/// anywhere else (a phi, a stored value), or that holds a pointer, keeps bytes of its own. Buffers are placed largest first,
/// each at the lowest offset no buffer live with it occupies.
/// </summary>
internal static class StackBufferLayout
{
    /// <summary>Each buffer's r10 displacement (negative), and the bytes the buffers take together.</summary>
    public static (Dictionary<Instr, int> Offsets, int Bytes) Place(Function function)
    {
        var slots = function.AllInstrs().Where(i => i.Op == Op.StackSlot).ToList();
        var offsets = new Dictionary<Instr, int>(ReferenceEqualityComparer.Instance);
        if (slots.Count == 0)
        {
            return (offsets, 0);
        }
        var interference = slots.Count == 1 ? [] : Interference(function, slots);
        var placed = new List<(Instr Slot, int Start, int End)>();
        foreach (var slot in slots.OrderByDescending(SizeOf).ThenBy(slots.IndexOf))
        {
            var size = SizeOf(slot);
            var start = 0;
            foreach (var (_, s, e) in placed.Where(p => interference.Contains((slot, p.Slot))).OrderBy(p => p.Start))
            {
                if (start + size <= s)
                {
                    break;
                }
                start = Math.Max(start, e);
            }
            placed.Add((slot, start, start + size));
        }
        foreach (var (slot, start, end) in placed)
        {
            offsets[slot] = -end;
        }
        return (offsets, placed.Max(p => p.End));
    }

    /// <summary>A buffer's bytes, rounded up to 8.</summary>
    public static int SizeOf(Instr slot) => (int)((slot.Imm + 7) & ~7);

    // The pairs of buffers (both orders) whose pointers are live at one point.
    private static HashSet<(Instr, Instr)> Interference(Function function, List<Instr> slots)
    {
        var root = new Dictionary<Value, Instr>(ReferenceEqualityComparer.Instance);
        foreach (var slot in slots)
        {
            root[slot] = slot;
        }
        var pinned = new HashSet<Instr>(ReferenceEqualityComparer.Instance);
        // Pointers derived from a buffer (slot + offset) belong to it; a pointer used any other way pins it.
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var i in function.AllInstrs())
            {
                for (var k = 0; k < i.Operands.Count; k++)
                {
                    if (!root.TryGetValue(i.Operands[k], out var r))
                    {
                        continue;
                    }
                    if (i.Op == Op.PtrAdd && k == 0)
                    {
                        changed |= root.TryAdd(i, r);
                    }
                    else if (!IsPlainUse(i, k) || HoldsPointer(i, k))
                    {
                        pinned.Add(r);
                    }
                }
            }
        }
        var pairs = new HashSet<(Instr, Instr)>();
        foreach (var p in pinned)
        {
            foreach (var s in slots.Where(s => s != p))
            {
                pairs.Add((p, s));
                pairs.Add((s, p));
            }
        }
        var liveness = Liveness.Compute(function);
        foreach (var block in function.Blocks)
        {
            var live = new HashSet<Value>(liveness.LiveOut(block).Where(root.ContainsKey), ReferenceEqualityComparer.Instance);
            for (var n = block.Instrs.Count - 1; n >= 0; n--)
            {
                var i = block.Instrs[n];
                if (root.TryGetValue(i, out var defined))
                {
                    live.Remove(i);
                    foreach (var other in live.Select(v => root[v]).Where(o => o != defined))
                    {
                        pairs.Add((defined, other));
                        pairs.Add((other, defined));
                    }
                }
                foreach (var operand in i.Operands.Where(root.ContainsKey))
                {
                    live.Add(operand);
                }
            }
        }
        return pairs;
    }

    // A buffer that holds a pointer (a loop frame's context) keeps its bytes: a later buffer's narrower
    // stores over a spilled pointer are refused to programs loaded without CAP_PERFMON.
    private static bool HoldsPointer(Instr user, int operand) =>
        user.Op == Op.Store && operand == 0 && user.Operands[1].Type.IsPointer();

    // Address operands of memory operations and call arguments use the buffer without the pointer going anywhere.
    private static bool IsPlainUse(Instr user, int operand) => user.Op switch
    {
        Op.Load => true,
        Op.Store or Op.AtomicAdd => operand == 0,
        Op.Call or Op.KfuncCall or Op.LocalCall => true,
        _ => false,
    };
}
