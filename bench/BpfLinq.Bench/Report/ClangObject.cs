using System.Buffers.Binary;
using System.Text;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Links a clang object's program for loading, as far as the report's C twins need: legacy map
/// definitions (<c>struct bpf_map_def</c> in section "maps"), referenced by <c>ld_imm64</c>
/// relocations (R_BPF_64_64), and calls of static functions in ".text" (R_BPF_64_32), which are
/// appended after the program with the call distances fixed. Enough for clang's output, no more.
/// </summary>
internal sealed class ClangObject
{
    private readonly byte[] _elf;
    private readonly List<(string Name, int Type, int Link, int Info, int Offset, int Size)> _sections = [];

    private ClangObject(byte[] elf)
    {
        _elf = elf;
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3e));
        var names = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(shoff + (shstrndx * shentsize) + 0x18));
        for (var i = 0; i < shnum; i++)
        {
            var h = elf.AsSpan(shoff + (i * shentsize), shentsize);
            _sections.Add((
                CString(names + (int)BinaryPrimitives.ReadUInt32LittleEndian(h)),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(h[0x28..]),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(h[0x2c..]),
                (int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x18..]),
                (int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x20..])));
        }
    }

    /// <summary>A map definition: type, key size, value size, capacity, flags.</summary>
    public sealed record MapDef(int Type, int KeySize, int ValueSize, int MaxEntries, int Flags);

    /// <summary>The linked program: instructions (map loads still to be given fds), the maps and where each is loaded.</summary>
    public sealed record Linked(Insn[] Instructions, IReadOnlyList<MapDef> Maps, IReadOnlyList<(int Slot, int Map)> MapLoads);

    /// <summary>Links section <paramref name="section"/> of <paramref name="elf"/>.</summary>
    public static Linked Link(byte[] elf, string section) => new ClangObject(elf).Link(section);

    private Linked Link(string section)
    {
        var program = Instructions(section);
        var text = _sections.FindIndex(s => s.Name == ".text") is var t && t >= 0 && _sections[t].Size > 0 ? Instructions(".text") : [];
        var insns = program.Concat(text).ToList();
        var maps = new List<MapDef>();
        var mapOffsets = new List<int>();
        var loads = new List<(int, int)>();
        var mapsSection = _sections.FindIndex(s => s.Name == "maps");
        foreach (var (home, shift) in new[] { (section, 0), (".text", program.Length) })
        {
            foreach (var (offset, symbol) in Relocations(home))
            {
                var slot = shift + (offset / Insn.SizeInBytes);
                var (value, sectionIndex) = Symbol(symbol);
                if (sectionIndex == mapsSection)
                {
                    var index = mapOffsets.IndexOf(value);
                    if (index < 0)
                    {
                        mapOffsets.Add(value);
                        maps.Add(ReadMap(_sections[mapsSection].Offset + value));
                        index = maps.Count - 1;
                    }
                    loads.Add((slot, index));
                }
                else if (_sections[sectionIndex].Name == ".text")
                {
                    // A call of a static function: .text sits after the program; imm + 1 counts from the symbol.
                    var target = program.Length + (value / Insn.SizeInBytes) + insns[slot].Imm + 1;
                    insns[slot] = Insn.CallLocal(target - (slot + 1));
                }
            }
        }
        return new Linked([.. insns], maps, loads);
    }

    private Insn[] Instructions(string name)
    {
        var s = _sections.First(x => x.Name == name);
        return [.. Enumerable.Range(0, s.Size / Insn.SizeInBytes)
            .Select(k => Insn.FromUInt64(BinaryPrimitives.ReadUInt64LittleEndian(_elf.AsSpan(s.Offset + (k * Insn.SizeInBytes)))))];
    }

    private IEnumerable<(int Offset, int Symbol)> Relocations(string section)
    {
        var target = _sections.FindIndex(s => s.Name == section);
        foreach (var rel in _sections.Where(s => s.Type == 9 && s.Info == target)) // SHT_REL
        {
            for (var at = rel.Offset; at < rel.Offset + rel.Size; at += 16)
            {
                var info = BinaryPrimitives.ReadUInt64LittleEndian(_elf.AsSpan(at + 8));
                yield return ((int)BinaryPrimitives.ReadUInt64LittleEndian(_elf.AsSpan(at)), (int)(info >> 32));
            }
        }
    }

    private (int Value, int Section) Symbol(int index)
    {
        var symtab = _sections.First(s => s.Type == 2); // SHT_SYMTAB
        var entry = _elf.AsSpan(symtab.Offset + (index * 24), 24);
        return ((int)BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]), BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]));
    }

    private MapDef ReadMap(int at)
    {
        int U32(int k) => (int)BinaryPrimitives.ReadUInt32LittleEndian(_elf.AsSpan(at + (4 * k)));
        return new MapDef(U32(0), U32(1), U32(2), U32(3), U32(4));
    }

    private string CString(int at) => Encoding.ASCII.GetString(_elf, at, Array.IndexOf(_elf, (byte)0, at) - at);
}
