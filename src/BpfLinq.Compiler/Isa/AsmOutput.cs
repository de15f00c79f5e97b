namespace BpfLinq.Compiler.Isa;

/// <summary>How a label reference is patched into its instruction.</summary>
internal enum AsmFixupKind : byte
{
    /// <summary>16-bit jump offset: <c>goto</c>, <c>if ... goto</c>, <c>may_goto</c>.</summary>
    JumpOffset,
    /// <summary>32-bit jump distance in the immediate: <c>gotol</c>.</summary>
    LongJump,
    /// <summary><c>call name</c>: a local call when the label exists, else a helper by C name.</summary>
    Call,
    /// <summary>The immediate of <c>ld_pseudo rN, 0x4, name</c> (address of a subprogram).</summary>
    Function,
}

/// <summary>A reference to a label, patched once all labels are known.</summary>
/// <param name="Slot">The slot of the referring instruction.</param>
/// <param name="Kind">Which field to patch, and how.</param>
/// <param name="Label">The referenced name.</param>
/// <param name="Line">Position of the name in the source, for errors.</param>
/// <param name="Column">Position of the name in the source, for errors.</param>
internal readonly record struct AsmFixup(int Slot, AsmFixupKind Kind, string Label, int Line, int Column);

/// <summary>
/// The assembler's output buffer: emitted slots, label definitions, and label references
/// (resolved by <see cref="Resolve"/> when the whole text has been read, so labels may be used
/// before they are defined). Distances count from the slot after the referring one, as the
/// kernel does for jumps, calls and <c>BPF_PSEUDO_FUNC</c> loads.
/// </summary>
internal sealed class AsmOutput
{
    private readonly List<Insn> _slots = [];
    private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);
    private readonly List<AsmFixup> _fixups = [];

    /// <summary>The index the next emitted slot gets.</summary>
    public int NextSlot => _slots.Count;

    public void Emit(Insn insn) => _slots.Add(insn);

    public void Emit(InsnPair pair)
    {
        _slots.Add(pair.First);
        _slots.Add(pair.Second);
    }

    public void DefineLabel(string name, int line, int column)
    {
        if (!_labels.TryAdd(name, _slots.Count))
        {
            throw new AssemblerException(line, column, $"label '{name}' is already defined");
        }
    }

    /// <summary>Records a reference from the slot about to be emitted.</summary>
    public void Reference(AsmFixupKind kind, string label, int line, int column) =>
        _fixups.Add(new AsmFixup(_slots.Count, kind, label, line, column));

    public Insn[] Resolve()
    {
        foreach (var fixup in _fixups)
        {
            var insn = _slots[fixup.Slot];
            if (!_labels.TryGetValue(fixup.Label, out var target))
            {
                if (fixup.Kind == AsmFixupKind.Call && HelperNames.TryParse(fixup.Label, out var helper))
                {
                    _slots[fixup.Slot] = Insn.Call(helper);
                    continue;
                }
                var what = fixup.Kind == AsmFixupKind.Call ? "label or helper" : "label";
                throw new AssemblerException(fixup.Line, fixup.Column, $"undefined {what} '{fixup.Label}'");
            }
            long distance = target - (fixup.Slot + 1);
            _slots[fixup.Slot] = fixup.Kind switch
            {
                AsmFixupKind.JumpOffset => distance is >= short.MinValue and <= short.MaxValue
                    ? insn.WithOffset((short)distance)
                    : throw new AssemblerException(fixup.Line, fixup.Column,
                        $"label '{fixup.Label}' is {distance} slots away, beyond the ±32K of a 16-bit offset (use gotol)"),
                AsmFixupKind.Call => Insn.CallLocal((int)distance),
                _ => insn.WithImm((int)distance),
            };
        }
        return [.. _slots];
    }
}
