namespace BpfLinq.Compiler.Isa;

/// <summary>
/// Reads the text <see cref="Disassembler"/> prints (the llvm-objdump BPF dialect) back into
/// instructions: one instruction per line, with or without the index column (<c>"   3:\t"</c>),
/// comments after <c>;</c> or <c>#</c>, blank lines. Beyond the disassembler's output it accepts
/// decimal numbers, <c>wN</c> value registers for 8- to 32-bit loads and stores (llvm's alu32
/// spelling), labels (<c>name:</c> before or on an instruction's line) as the target of
/// <c>goto</c>, <c>gotol</c>, <c>may_goto</c>, <c>if ... goto</c>, <c>call</c> and
/// <c>ld_pseudo rN, 0x4, name</c>, and helpers by C name (<c>call bpf_map_lookup_elem</c>; a
/// label of the same name wins).
/// </summary>
/// <remarks>
/// Immediates are range-checked as the instruction uses them: where the 32-bit field is
/// sign-extended to 64 bits (ALU64, JMP, 64-bit stores), <c>0xffffffff</c> is refused rather
/// than silently meaning -1; where it is used at 32 bits (<c>w</c> registers, narrower stores)
/// both <c>-0x1</c> and <c>0xffffffff</c> are accepted.
/// </remarks>
public static class Assembler
{
    /// <summary>Assembles a program.</summary>
    /// <param name="text">The source, one instruction per line.</param>
    /// <returns>The instruction slots (a <c>... ll</c> or <c>ld_pseudo</c> line gives two).</returns>
    /// <exception cref="AssemblerException">The text has an error; the exception names its line and column.</exception>
    public static Insn[] Assemble(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new AsmOutput();
        var parser = new AsmParser(text, output);
        var line = 1;
        for (var start = 0; start <= text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            parser.ParseLine(line, start, contentEnd);
            start = end + 1;
        }
        return output.Resolve();
    }
}
