namespace BpfLinq.Compiler.Ir;

/// <summary>A function as <see cref="IrPrinter"/> lays it out: its signature line and its blocks in printed order.</summary>
/// <param name="Signature">The <c>func name(params) -&gt; type</c> line.</param>
/// <param name="Blocks">The blocks, reverse post-order then the unreachable ones.</param>
internal sealed record PrintedFunction(string Signature, IReadOnlyList<PrintedBlock> Blocks);

/// <summary>One printed block.</summary>
/// <param name="Block">The block printed.</param>
/// <param name="Name">Its printed name (<c>b3</c>).</param>
/// <param name="Label">Its label line (<c>b3: &lt;- b1 b2</c>).</param>
/// <param name="Lines">Its instructions, terminator last.</param>
internal sealed record PrintedBlock(Block Block, string Name, string Label, IReadOnlyList<PrintedLine> Lines);

/// <summary>One printed instruction and the expression it came from.</summary>
/// <param name="Text">The instruction without its comment.</param>
/// <param name="Source">The C# it came from, or null.</param>
internal readonly record struct PrintedLine(string Text, SourceRef? Source);
