using System.Buffers.Binary;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Kernel;

/// <summary>
/// A hand-written program that reads element <see cref="Index"/> of one context field (0 for scalars)
/// and hands it back whole. skb kinds copy it into <c>cb[0..1]</c> and return 1, and the test run's
/// <c>ctx_out</c> carries it back (this works for cgroup_skb too, whose verifier only lets programs
/// return 0 or 1, and for 64-bit fields); XDP returns it in r0 (its fields are 32-bit):
/// <code>
/// r2 = *(size *)(r1 + offset); *(u64 *)(r1 + cb) = r2; r0 = 1; exit     // skb kinds
/// r0 = *(u32 *)(r1 + offset); exit                                      // XDP
/// </code>
/// </summary>
internal sealed record ContextProbe(ContextField Field, int Index)
{
    private static readonly short s_cbOffset = (short)ContextOffsets.SkBuff(nameof(SkBuff.Cb));

    /// <summary>Every probe of every field in <paramref name="fields"/>: one per element.</summary>
    public static IEnumerable<ContextProbe> All(IEnumerable<ContextField> fields) =>
        from field in fields
        from index in Enumerable.Range(0, field.Count)
        select new ContextProbe(field, index);

    /// <summary>The program for a program of <paramref name="kind"/>.</summary>
    public Insn[] Program(ProgramKind kind)
    {
        var size = Field.Size switch
        {
            1 => Size.Byte,
            2 => Size.Half,
            4 => Size.Word,
            8 => Size.DWord,
            _ => throw new InvalidOperationException($"field {Field.KernelName} has size {Field.Size}"),
        };
        var offset = (short)Field.OffsetOf(Index);
        return kind == ProgramKind.Xdp
            ? [Insn.Ldx(size, Reg.R0, Reg.R1, offset), Insn.Exit()]
            : [Insn.Ldx(size, Reg.R2, Reg.R1, offset), Insn.Stx(Size.DWord, Reg.R1, s_cbOffset, Reg.R2), Insn.Mov(Reg.R0, 1), Insn.Exit()];
    }

    /// <summary>Runs the loaded probe on <paramref name="input"/> and returns the field's value.</summary>
    public static ulong Read(BpfProgram program, ProgramKind kind, TestRunInput input)
    {
        var result = program.TestRun(new TestRunOptions { DataIn = input.Frame, DataOutSize = 0, CtxIn = input.ContextBytes(kind) });
        return kind == ProgramKind.Xdp ? result.ReturnValue : BinaryPrimitives.ReadUInt64LittleEndian(result.CtxOut.AsSpan(s_cbOffset));
    }

    /// <summary>What the model says the element is in a managed context (an <see cref="SkBuff"/> or <see cref="XdpMd"/>).</summary>
    public ulong Expected(object context) => Field.Property.GetValue(context) switch
    {
        uint[] array => array[Index],
        var scalar => Convert.ToUInt64(scalar, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public override string ToString() => Field.KernelName + (Field.Count > 1 ? $"[{Index}]" : "");
}
