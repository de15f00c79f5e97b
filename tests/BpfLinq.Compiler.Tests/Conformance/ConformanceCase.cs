using System.Buffers.Binary;
using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// One bpf_conformance <c>.data</c> file: the program (uBPF assembler text, or raw slots), the input
/// memory and the expected 64-bit r0. The format is described in Data/README.md.
/// </summary>
internal sealed record ConformanceCase(
    string Name,
    IReadOnlyList<string> AsmLines,
    IReadOnlyList<ulong>? RawSlots,
    byte[]? Memory,
    ulong? ExpectedResult,
    string? ExpectedError)
{
    /// <summary>
    /// The program's slots: the <c>-- raw</c> section when there is one (it replaces the text, as
    /// upstream reads it), else the <c>-- asm</c> text through <see cref="UbpfAssembler"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not valid uBPF assembler.</exception>
    public Insn[] Assemble() =>
        RawSlots is { } raw ? [.. raw.Select(Insn.FromUInt64)] : UbpfAssembler.Assemble(AsmLines);

    /// <summary>Parses a file; returns null when the upstream parser would skip it (unknown section).</summary>
    public static ConformanceCase? Parse(string name, string text)
    {
        var asm = new List<string>();
        var raw = new List<ulong>();
        var mem = new List<byte>();
        var sawRaw = false;
        var sawMem = false;
        ulong? result = null;
        string? error = null;
        var section = "";

        foreach (var rawLine in text.Split('\n'))
        {
            var hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? rawLine[..hash] : rawLine).Trim();
            if (line.StartsWith("--", StringComparison.Ordinal))
            {
                // Section names are matched by substring in this order, as the upstream parser does.
                section = SectionOf(line);
                if (section.Length == 0)
                {
                    return null;
                }
                sawRaw |= section == "raw";
                sawMem |= section == "mem";
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            switch (section)
            {
                case "asm":
                    asm.Add(line);
                    break;
                case "raw":
                    raw.Add(ParseSlot(line));
                    break;
                case "mem":
                    foreach (var b in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                    {
                        mem.Add(byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    }
                    break;
                case "result":
                    result = ParseUnsigned(line);
                    break;
                case "error":
                    error = line;
                    break;
                default:
                    break; // "c" and "no register offset": informational, ignored
            }
        }
        return new ConformanceCase(name, asm, sawRaw ? raw : null, sawMem ? mem.ToArray() : null, result, error);
    }

    private static string SectionOf(string line)
    {
        foreach (var s in new[] { "asm", "result", "mem", "raw", "no register offset", " c", "error" })
        {
            if (line.Contains(s, StringComparison.Ordinal))
            {
                return s.Trim();
            }
        }
        return "";
    }

    /// <summary>
    /// A raw slot: a 64-bit number, or (in the <c>negative/unused-*</c> files) its 8 bytes in hex
    /// separated by spaces. Upstream reads each of those bytes as a whole slot and then skips the
    /// file; we read the instruction the file's comment describes.
    /// </summary>
    private static ulong ParseSlot(string line)
    {
        var bytes = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (bytes.Length == 1)
        {
            return ParseUnsigned(line);
        }
        if (bytes.Length != Insn.SizeInBytes)
        {
            throw new FormatException($"a raw slot written as bytes needs {Insn.SizeInBytes} of them: '{line}'");
        }
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes.Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray());
    }

    private static ulong ParseUnsigned(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : unchecked((ulong)long.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>Loads every case of a folder, sorted by name.</summary>
    public static IReadOnlyList<ConformanceCase> LoadFolder(string folder) =>
        Directory.GetFiles(folder, "*.data")
            .Order(StringComparer.Ordinal)
            .Select(f => Parse(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .OfType<ConformanceCase>()
            .ToList();
}
