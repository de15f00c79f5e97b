using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Branch resolution, the last step: labels become slot offsets (counted from the slot after the
// jump; an ld_imm64 is two slots). Offsets are 16-bit, so a jump may be too far:
//   goto L      -> gotol L (JMP32|JA with a 32-bit immediate, Linux 6.6+): same size
//   if c goto L -> if !c goto +1; gotol L                 (2 slots)
//                  if c goto +1; goto +1; gotol L          (3 slots, for jset, which has no inverse)
// Growing one branch moves others, so sizes are recomputed until nothing changes (branches only
// ever grow, so this ends). References to symbols leave as relocations at their final slots;
// ProgramLinker resolves them.

/// <summary>Resolves symbolic jumps into offsets.</summary>
internal static class BranchResolver
{
    /// <summary>The final instructions, where each slot came from, and the function's unresolved references.</summary>
    public static ResolvedCode Resolve(List<AsmItem> items, int[] labels)
    {
        var far = new bool[items.Count];
        var position = new int[items.Count + 1];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < items.Count; i++)
            {
                position[i + 1] = position[i] + Size(items[i], far[i]);
            }
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Kind == AsmItemKind.Branch && !far[i] && !FitsShort(Distance(items[i], i, labels, position)))
                {
                    far[i] = true;
                    changed = true;
                }
            }
        }
        var total = position[items.Count];
        var insns = new Insn[total];
        var sources = new SourceRef?[total];
        var relocations = new List<Relocation>();
        var hasBackEdge = false;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = position[i];
            if (item.Reference is { } reference)
            {
                relocations.Add(new Relocation(at, reference.Kind, reference.Index));
            }
            if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch)
            {
                hasBackEdge |= Distance(item, i, labels, position) < 0;
            }
            var n = Size(item, far[i]);
            for (var k = 0; k < n; k++)
            {
                sources[at + k] = item.Source;
            }
            switch (item.Kind)
            {
                case AsmItemKind.Plain:
                    insns[at] = item.Insn;
                    break;
                case AsmItemKind.Wide:
                    insns[at] = item.Insn;
                    insns[at + 1] = item.Second;
                    break;
                case AsmItemKind.Jump:
                    var d = Distance(item, i, labels, position);
                    insns[at] = FitsShort(d) ? Insn.Ja((short)d) : Insn.Gotol(d);
                    break;
                case AsmItemKind.Branch when !far[i]:
                    insns[at] = item.Insn.WithOffset((short)Distance(item, i, labels, position));
                    break;
                default:
                    // Far conditional: hop over a gotol when the condition does not hold.
                    var target = position[labels[item.Target]];
                    if (Inverse(item.Insn) is { } inverse)
                    {
                        insns[at] = inverse.WithOffset(1);
                        insns[at + 1] = Insn.Gotol(target - (at + 2));
                    }
                    else
                    {
                        insns[at] = item.Insn.WithOffset(1);
                        insns[at + 1] = Insn.Ja(1);
                        insns[at + 2] = Insn.Gotol(target - (at + 3));
                    }
                    break;
            }
        }
        return new ResolvedCode(insns, sources, [.. relocations], hasBackEdge);
    }

    private static int Size(AsmItem item, bool far) => item.Kind switch
    {
        AsmItemKind.Wide => 2,
        AsmItemKind.Branch when far => Inverse(item.Insn) is null ? 3 : 2,
        _ => 1,
    };

    private static int Distance(AsmItem item, int index, int[] labels, int[] position)
    {
        var label = labels[item.Target];
        if (label < 0)
        {
            throw new InternalCompilerError($"jump to label {item.Target}, which was not emitted");
        }
        return position[label] - (position[index] + 1);
    }

    private static bool FitsShort(int distance) => distance == (short)distance;

    private static Insn? Inverse(Insn branch)
    {
        JmpOp? inverse = branch.JmpOp switch
        {
            JmpOp.Jeq => JmpOp.Jne,
            JmpOp.Jne => JmpOp.Jeq,
            JmpOp.Jgt => JmpOp.Jle,
            JmpOp.Jle => JmpOp.Jgt,
            JmpOp.Jge => JmpOp.Jlt,
            JmpOp.Jlt => JmpOp.Jge,
            JmpOp.Jsgt => JmpOp.Jsle,
            JmpOp.Jsle => JmpOp.Jsgt,
            JmpOp.Jsge => JmpOp.Jslt,
            JmpOp.Jslt => JmpOp.Jsge,
            _ => null,
        };
        return inverse is { } op
            ? new Insn((byte)((branch.Code & 0x0f) | (byte)op), branch.Dst, branch.Src, branch.Offset, branch.Imm)
            : null;
    }

    /// <summary>The branch with the opposite condition, or null for jset (which has none).</summary>
    public static Insn? Negate(Insn branch) => Inverse(branch);
}

/// <summary>A function's instructions after branch resolution.</summary>
/// <param name="Instructions">The instruction slots.</param>
/// <param name="Sources">Slot by slot, the expression each came from.</param>
/// <param name="Relocations">The slots whose immediate names a symbol, with slots counted from the function's start.</param>
/// <param name="HasBackEdge">True when some jump goes backwards (a loop).</param>
internal sealed record ResolvedCode(Insn[] Instructions, SourceRef?[] Sources, Relocation[] Relocations, bool HasBackEdge);
