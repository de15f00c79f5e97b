using System.Buffers.Binary;
using System.Text;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Bench.Report;

/// <summary>Reads one section of a little-endian ELF64 object as eBPF instructions (enough for clang's output).</summary>
internal static class ElfSection
{
    /// <summary>The instructions of the section named <paramref name="name"/>.</summary>
    public static Insn[] Instructions(byte[] elf, string name)
    {
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3e));
        Span<byte> Header(int i) => elf.AsSpan(shoff + i * shentsize, shentsize);
        var strtab = (int)BinaryPrimitives.ReadUInt64LittleEndian(Header(shstrndx)[0x18..]);
        for (var i = 0; i < shnum; i++)
        {
            var h = Header(i);
            var nameOffset = strtab + (int)BinaryPrimitives.ReadUInt32LittleEndian(h);
            var end = Array.IndexOf(elf, (byte)0, nameOffset);
            if (Encoding.ASCII.GetString(elf, nameOffset, end - nameOffset) != name)
            {
                continue;
            }
            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x18..]);
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x20..]);
            return Enumerable.Range(0, size / Insn.SizeInBytes)
                .Select(k => Insn.FromUInt64(BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(offset + k * Insn.SizeInBytes))))
                .ToArray();
        }
        throw new InvalidOperationException($"no section '{name}' in the object");
    }
}
