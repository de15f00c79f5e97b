using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// One <c>struct bpf_line_info</c> record: maps an instruction to a source line. The file name and
/// the line's text are offsets into the BTF string table; line and column are packed as
/// <c>line &lt;&lt; 10 | column</c>, as the kernel's <c>BPF_LINE_INFO_LINE_NUM</c>/<c>_LINE_COL</c> read them.
/// </summary>
/// <param name="InsnOffset">Index of the instruction slot the record describes.</param>
/// <param name="FileNameOffset">String-table offset of the source file name.</param>
/// <param name="LineOffset">String-table offset of the source line's text.</param>
/// <param name="LineColumn">Line number in the upper 22 bits, column in the lower 10.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct LineInfo(uint InsnOffset, uint FileNameOffset, uint LineOffset, uint LineColumn)
{
    /// <summary>Size of the record in bytes, as passed in <c>line_info_rec_size</c>.</summary>
    public const int SizeInBytes = 16;

    /// <summary>Largest column the packed form can hold.</summary>
    public const int MaxColumn = (1 << 10) - 1;

    /// <summary>Creates a record from a line and column (column clamped to <see cref="MaxColumn"/>).</summary>
    public static LineInfo Create(uint insnOffset, uint fileNameOffset, uint lineOffset, int line, int column) =>
        new(insnOffset, fileNameOffset, lineOffset, ((uint)line << 10) | (uint)Math.Clamp(column, 0, MaxColumn));

    /// <summary>The source line number.</summary>
    public int Line => (int)(LineColumn >> 10);

    /// <summary>The source column.</summary>
    public int Column => (int)(LineColumn & MaxColumn);
}
