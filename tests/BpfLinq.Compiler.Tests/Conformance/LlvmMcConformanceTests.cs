using System.Buffers.Binary;
using System.Globalization;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Our encoding of the 313 cases against LLVM's: each case's bytes are printed in LLVM syntax by
/// our disassembler, all cases go through one <c>llvm-mc-19 -triple bpfel -mcpu=v4 -show-encoding</c>
/// run, and llvm-mc's bytes must equal ours line by line.
/// </summary>
/// <remarks>
/// The one documented exception is the BPF-to-BPF call (<c>src_reg = 1</c>, two lines in the suite).
/// llvm-mc-19 has no syntax for it: <c>call N</c> always means helper N (<c>src_reg = 0</c>), and its
/// own local calls are <c>call symbol</c> with a relocation. Our disassembler prints a local call as
/// <c>call pc+0x9</c> (bpftool's form, so it stays distinguishable), which llvm-mc rejects; those
/// lines are converted to <c>call 0x9</c> and must encode to our bytes with only the src field
/// cleared. The raw-data line of callx (<c>.8byte 0x...</c>) comes back as <c>.quad N</c>, which is
/// compared as the little-endian slot N.
/// </remarks>
public sealed class LlvmMcConformanceTests
{
    private const string LocalCallPrefix = "call pc";

    [SkippableFact]
    public void Llvm_mc_encodes_our_disassembly_of_every_case_to_our_bytes()
    {
        var lines = ConformanceSuite.Cases.SelectMany(Lines).ToList();
        var source = string.Join("\n", lines.Select(line => line.ForLlvm)) + "\n";

        var output = ReferenceTool.Run("llvm-mc-19", ["-triple", "bpfel", "-mcpu=v4", "-show-encoding"], stdin: source);
        var encodings = Encodings(output);

        encodings.Count.ShouldBe(lines.Count, output);
        var mismatches = lines.Zip(encodings)
            .Where(pair => !pair.First.Expected.SequenceEqual(pair.Second))
            .Select(pair => $"{pair.First.Case}: '{pair.First.ForLlvm}' ours [{Hex(pair.First.Expected)}], llvm-mc [{Hex(pair.Second)}]")
            .ToList();
        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        lines.Where(line => line.ForLlvm != line.Ours).Select(line => line.Case).ShouldBe(["call_local", "rfc9669_call_local"]);
    }

    /// <summary>One line of our disassembly per instruction, with the text llvm-mc gets and the bytes it must produce.</summary>
    private static IEnumerable<(string Case, string Ours, string ForLlvm, byte[] Expected)> Lines(ConformanceCase @case)
    {
        var slots = @case.Assemble();
        var text = Disassembler.Disassemble(slots, DisassemblyOptions.None);
        var index = 0;
        foreach (var ours in text)
        {
            // Every ld_imm64 of the suite is well formed, so a wide slot is one line of two slots.
            var width = slots[index].IsLoadImm64 ? 2 : 1;
            var instruction = slots.AsSpan(index, width).ToArray();
            index += width;
            if (ours.StartsWith(LocalCallPrefix, StringComparison.Ordinal))
            {
                yield return (@case.Name, ours, "call " + ours[LocalCallPrefix.Length..].TrimStart('+'), Bytes([instruction[0].WithSrc(Reg.R0)]));
            }
            else
            {
                yield return (@case.Name, ours, ours, Bytes(instruction));
            }
        }
        index.ShouldBe(slots.Length, @case.Name);
    }

    /// <summary>The bytes of each output line: <c># encoding: [0x..,...]</c>, or <c>.quad N</c> for a data slot.</summary>
    private static List<byte[]> Encodings(string output)
    {
        const string EncodingMarker = "# encoding: [";
        var encodings = new List<byte[]>();
        foreach (var line in output.Split('\n').Select(line => line.Trim()))
        {
            var marker = line.IndexOf(EncodingMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                encodings.Add([.. line[(marker + EncodingMarker.Length)..].TrimEnd(']').Split(',')
                    .Select(b => byte.Parse(b.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))]);
            }
            else if (line.StartsWith(".quad", StringComparison.Ordinal))
            {
                var value = line[".quad".Length..].Trim();
                var slot = value.StartsWith('-') ? unchecked((ulong)long.Parse(value, CultureInfo.InvariantCulture)) : ulong.Parse(value, CultureInfo.InvariantCulture);
                var bytes = new byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, slot);
                encodings.Add(bytes);
            }
        }
        return encodings;
    }

    private static byte[] Bytes(Insn[] slots)
    {
        var bytes = new byte[slots.Length * Insn.SizeInBytes];
        for (var i = 0; i < slots.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * Insn.SizeInBytes), slots[i].ToUInt64());
        }
        return bytes;
    }

    private static string Hex(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
