using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// Our disassembler against llvm-objdump-19 and our encodings against llvm-mc-19, on every
/// well-formed line of the ISA table plus a few hundred generated instructions. The only
/// differences allowed are those of <see cref="Llvm19Expectation"/>.
/// </summary>
public class LlvmAgreementTests
{
    private const int RandomCount = 400;

    /// <summary>The table's instructions, then generated ones (fixed seed, so a failure reproduces).</summary>
    private static List<Insn[]> Instructions() =>
    [
        .. IsaTable.Entries.Where(entry => !entry.IsMalformed).Select(entry => entry.Slots),
        .. ValidInsns.Sample(RandomCount, seed: 20251130),
    ];

    [SkippableFact]
    public void Disassembly_matches_llvm_objdump_except_for_the_documented_differences()
    {
        var instructions = Instructions();
        var slots = instructions.SelectMany(slots => slots).ToArray();
        var plain = LlvmObjdump.Disassemble(slots);
        var mcpuV3 = LlvmObjdump.Disassemble(slots, "--mcpu=v3");

        var mismatches = new List<string>();
        var index = 0;
        var differencesSeen = new HashSet<int>();
        foreach (var insn in instructions)
        {
            var ours = Disassembler.Format(insn[0], insn.Length > 1 ? insn[1] : default);
            var expected = Llvm19Expectation.For(insn[0], insn.Length > 1 ? insn[1] : default, ours);
            var llvm = (expected.UseMcpuV3 ? mcpuV3 : plain).GetValueOrDefault(index, "<missing>");
            if (expected.Difference is { } difference)
            {
                differencesSeen.Add(difference);
            }
            var agrees = expected.ObjdumpText is { } text
                ? llvm == text
                : llvm == "<unknown>" || llvm.StartsWith("lock *(", StringComparison.Ordinal); // (3): unknown, or misread as an atomic add
            if (!agrees)
            {
                mismatches.Add($"slot {index} [{Hex(insn)}]: ours '{ours}', expected llvm '{expected.ObjdumpText}', llvm '{llvm}'");
            }
            index += insn.Length;
        }

        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        plain.Count.ShouldBe(instructions.Count);
        instructions.Count.ShouldBe(IsaTable.Entries.Count(entry => !entry.IsMalformed) + RandomCount);
        // Each documented difference is exercised, so none of them is stale.
        differencesSeen.Order().ShouldBe([1, 2, 3, 4, 5]);
    }

    [SkippableFact]
    public void Llvm_mc_encodes_our_text_to_our_bytes()
    {
        var instructions = Instructions()
            .Select(insn => (Slots: insn, Text: Disassembler.Format(insn[0], insn.Length > 1 ? insn[1] : default)))
            .Where(x => Llvm19Expectation.For(x.Slots[0], x.Slots.Length > 1 ? x.Slots[1] : default, x.Text).LlvmMcEncodesBack)
            .ToList();
        var source = string.Join("\n", instructions.Select(x => x.Text)) + "\n";

        // +alu32 lets llvm-mc read the w-register atomics; it changes no encoding.
        var output = ReferenceTool.Run("llvm-mc-19", ["-triple", "bpfel", "-mattr=+alu32", "-show-encoding"], stdin: source);
        var encodings = output.Split('\n')
            .Where(line => line.Contains("# encoding: [", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("# encoding: [", StringComparison.Ordinal) + "# encoding: [".Length)..].TrimEnd(']'))
            .Select(bytes => bytes.Split(',').Select(b => byte.Parse(b.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

        encodings.Count.ShouldBe(instructions.Count);
        var mismatches = instructions.Zip(encodings)
            .Where(pair => !pair.First.Slots.SelectMany(slot => BitConverter.GetBytes(slot.ToUInt64())).SequenceEqual(pair.Second))
            .Select(pair => $"'{pair.First.Text}': ours [{Hex(pair.First.Slots)}], llvm-mc [{string.Join(" ", pair.Second.Select(b => b.ToString("x2")))}]")
            .ToList();
        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
    }

    [Fact]
    public void The_tables_difference_notes_are_exactly_the_documented_differences()
    {
        foreach (var entry in IsaTable.Entries.Where(entry => !entry.IsMalformed))
        {
            Llvm19Expectation.For(entry.Slots[0], entry.Next, entry.Text).Difference.ShouldBe(entry.Difference, entry.ToString());
        }
    }

    private static string Hex(Insn[] slots) =>
        string.Join(" ", slots.SelectMany(slot => BitConverter.GetBytes(slot.ToUInt64())).Select(b => b.ToString("x2")));
}
