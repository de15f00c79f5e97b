namespace BpfLinq.Compiler.Isa;

/// <summary>How <see cref="Disassembler.Disassemble"/> lays out a listing.</summary>
[Flags]
public enum DisassemblyOptions
{
    /// <summary>Bare instruction text, one instruction per line (what <see cref="Assembler"/> reads most simply).</summary>
    None = 0,

    /// <summary>
    /// Prefix each line with the slot index of its instruction, right-aligned in four columns and
    /// followed by a colon and a tab, as llvm-objdump does: <c>"   7:\tr0 = 0x1"</c>. A 16-byte
    /// <c>ld_imm64</c> takes two slots, so the index after it grows by two.
    /// </summary>
    IndexColumn = 1,

    /// <summary>Append the C name of the called helper as a comment: <c>"call 0x1\t; bpf_map_lookup_elem"</c>.</summary>
    HelperNames = 2,
}
