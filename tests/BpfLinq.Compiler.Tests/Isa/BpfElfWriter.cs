using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// Writes instructions as the .text section of a minimal ELF64 little-endian relocatable file for
/// EM_BPF, which is all llvm-objdump needs to disassemble them. Layout: ELF header, .text,
/// .shstrtab, then the section headers (null, .text, .shstrtab).
/// </summary>
public static class BpfElfWriter
{
    private const ushort EtRel = 1;
    private const ushort EmBpf = 247;
    private const int ElfHeaderSize = 64;
    private const int SectionHeaderSize = 64;

    /// <summary>Writes the file.</summary>
    public static void Write(string path, ReadOnlySpan<Insn> text)
    {
        ReadOnlySpan<byte> code = MemoryMarshal.AsBytes(text);
        var names = "\0.text\0.shstrtab\0"u8;
        var textOffset = ElfHeaderSize;
        var namesOffset = textOffset + code.Length;
        var headersOffset = (namesOffset + names.Length + 7) & ~7;
        var image = new byte[headersOffset + (3 * SectionHeaderSize)];

        var header = image.AsSpan(0, ElfHeaderSize);
        "\u007fELF"u8.CopyTo(header);
        header[4] = 2; // ELFCLASS64
        header[5] = 1; // ELFDATA2LSB
        header[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(header[16..], EtRel);
        BinaryPrimitives.WriteUInt16LittleEndian(header[18..], EmBpf);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // e_version
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], (ulong)headersOffset); // e_shoff
        BinaryPrimitives.WriteUInt16LittleEndian(header[52..], ElfHeaderSize); // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(header[58..], SectionHeaderSize); // e_shentsize
        BinaryPrimitives.WriteUInt16LittleEndian(header[60..], 3); // e_shnum
        BinaryPrimitives.WriteUInt16LittleEndian(header[62..], 2); // e_shstrndx

        code.CopyTo(image.AsSpan(textOffset));
        names.CopyTo(image.AsSpan(namesOffset));

        // Section 1: .text, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 8-byte aligned.
        WriteSectionHeader(image.AsSpan(headersOffset + SectionHeaderSize), name: 1, type: 1, flags: 6, textOffset, code.Length, align: 8);
        // Section 2: .shstrtab, SHT_STRTAB.
        WriteSectionHeader(image.AsSpan(headersOffset + (2 * SectionHeaderSize)), name: 7, type: 3, flags: 0, namesOffset, names.Length, align: 1);
        File.WriteAllBytes(path, image);
    }

    private static void WriteSectionHeader(Span<byte> sh, uint name, uint type, ulong flags, int offset, int size, ulong align)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(sh, name);
        BinaryPrimitives.WriteUInt32LittleEndian(sh[4..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(sh[8..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(sh[24..], (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(sh[32..], (ulong)size);
        BinaryPrimitives.WriteUInt64LittleEndian(sh[48..], align);
    }
}
