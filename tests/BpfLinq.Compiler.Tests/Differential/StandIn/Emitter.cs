using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Differential.StandIn;

/// <summary>A jump target of the <see cref="Emitter"/>.</summary>
internal readonly record struct Label(int Id);

/// <summary>
/// Collects instructions with symbolic jump targets and resolves the offsets at the end (offset =
/// target − (jump + 1), in instruction slots; an ld_imm64 takes two).
/// </summary>
internal sealed class Emitter
{
    private readonly List<Insn> _insns = [];
    private readonly List<int> _labelPositions = [];
    private readonly List<(int Index, Label Target)> _fixups = [];

    /// <summary>A new, unplaced label.</summary>
    public Label NewLabel()
    {
        _labelPositions.Add(-1);
        return new Label(_labelPositions.Count - 1);
    }

    /// <summary>Places <paramref name="label"/> at the next instruction.</summary>
    public void Mark(Label label) => _labelPositions[label.Id] = _insns.Count;

    /// <summary>Appends an instruction.</summary>
    public void Emit(Insn insn) => _insns.Add(insn);

    /// <summary>Appends both slots of a wide instruction.</summary>
    public void Emit(InsnPair pair)
    {
        _insns.Add(pair.First);
        _insns.Add(pair.Second);
    }

    /// <summary><c>goto target</c>.</summary>
    public void Jump(Label target) => EmitJump(Insn.Ja(0), target);

    /// <summary><c>if dst op imm goto target</c> (64-bit compare).</summary>
    public void JumpIf(JmpOp op, Reg dst, int imm, Label target) => EmitJump(Insn.Jmp(op, dst, imm, 0), target);

    /// <summary><c>if dst op src goto target</c> (64-bit compare).</summary>
    public void JumpIf(JmpOp op, Reg dst, Reg src, Label target) => EmitJump(Insn.Jmp(op, dst, src, 0), target);

    /// <summary>The instructions with every jump resolved.</summary>
    public Insn[] Finish()
    {
        var result = _insns.ToArray();
        foreach (var (index, target) in _fixups)
        {
            var position = _labelPositions[target.Id];
            if (position < 0)
            {
                throw new InvalidOperationException($"label {target.Id} was never placed");
            }
            var offset = position - (index + 1);
            if (offset is < short.MinValue or > short.MaxValue)
            {
                throw new StandInCompileException(StandInCodes.TooLarge, "", $"a jump of {offset} instructions does not fit the stand-in's 16-bit offsets");
            }
            var jump = result[index];
            result[index] = new Insn(jump.Code, jump.Dst, jump.Src, (short)offset, jump.Imm);
        }
        return result;
    }

    private void EmitJump(Insn jump, Label target)
    {
        _fixups.Add((_insns.Count, target));
        _insns.Add(jump);
    }
}
