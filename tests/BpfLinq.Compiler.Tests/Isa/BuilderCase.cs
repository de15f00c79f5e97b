using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>A builder call, the source text of that call, and the slots it built.</summary>
/// <param name="Call">The C# expression, captured by the compiler (shown as the test case name).</param>
/// <param name="Slots">What it built.</param>
/// <param name="Expected">The expected value: hex bytes or an opcode, depending on the table.</param>
public sealed record BuilderCase(string Call, Insn[] Slots, string Expected)
{
    /// <summary>A case for a one-slot builder.</summary>
    public static BuilderCase Of(Insn insn, string expected, [CallerArgumentExpression(nameof(insn))] string call = "") =>
        new(call, [insn], expected);

    /// <summary>A case for a two-slot builder.</summary>
    public static BuilderCase Of(InsnPair pair, string expected, [CallerArgumentExpression(nameof(pair))] string call = "") =>
        new(call, [pair.First, pair.Second], expected);

    /// <summary>The slots as space-separated hex bytes, as the ISA table writes them.</summary>
    public string Hex => string.Join(" ", Slots.SelectMany(slot => BitConverter.GetBytes(slot.ToUInt64())).Select(b => b.ToString("x2")));

    /// <summary>Theory rows naming each case by its call, which also identifies it.</summary>
    public static TheoryData<string> Rows(IEnumerable<BuilderCase> cases)
    {
        var rows = new TheoryData<string>();
        foreach (var c in cases)
        {
            rows.Add(c.Call);
        }
        return rows;
    }
}
