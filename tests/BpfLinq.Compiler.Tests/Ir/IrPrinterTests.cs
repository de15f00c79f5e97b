using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;
using BpfLinq.Compiler.Tests.Analysis;
using BpfLinq.Compiler.Tests.Passes;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Ir;

/// <summary>
/// Printing is side-effect free: a dump for a trace must not reorder the blocks or renumber the
/// values of the function later phases go on with. The text still numbers in reverse post-order, as
/// reordering and renumbering the function would.
/// </summary>
public sealed class IrPrinterTests
{
    // Blocks named out of reverse post-order, with an unreachable block: the parser keeps the order
    // in which blocks are first named, which is neither.
    private const string OutOfOrder = """
        func f(v0: i64) -> i64
        b0:
          v1 = cmp.eq.i64 v0, 0
          condbr v1, b3, b1
        b2:
          v2 = add.i64 v0, 7
          ret v2
        b1: <- b0
          v3 = mul.i64 v0, 3
          br b3
        b3: <- b0 b1
          v4 = phi.i64 [b0: 1], [b1: v3]
          ret v4
        """;

    public static TheoryData<string> Texts => [OutOfOrder, AnalysisSamples.NestedLoops];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Printing_leaves_the_function_unchanged(string text)
    {
        var f = IrParser.Parse(text);
        var before = Snapshot(f);
        var printed = IrPrinter.Print(f);
        Snapshot(f).ShouldBe(before);
        IrPrinter.Print(f).ShouldBe(printed);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_text_is_numbered_as_reordering_and_renumbering_would_number_the_function(string text)
    {
        var f = IrParser.Parse(text);
        var printed = IrPrinter.Print(f);
        f.ReorderBlocks(DepthFirstOrder.ReversePostOrderThenRest(f));
        f.Renumber();
        IrPrinter.Print(f).ShouldBe(printed);
        var lines = printed.Split('\n').Select(l => l.Split(';')[0].Trim()).ToHashSet();
        foreach (var instr in f.AllInstrs())
        {
            lines.ShouldContain(IrPrinter.FormatInstr(instr));
        }
    }

    [Fact]
    public void Printing_between_passes_leaves_optimised_random_functions_unchanged()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var f = RandomIr.Generate(seed, 30);
            CompileOrder.Passes.Run(f, new PassContext(ProgramKind.SocketFilter)); // leaves ids stale
            var before = Snapshot(f);
            IrPrinter.Print(f);
            Snapshot(f).ShouldBe(before, $"seed {seed}");
        }
    }

    // Everything printing could change: block order and ids, value ids, instruction order, predecessors.
    private static string Snapshot(Function f) => string.Join('\n', f.Blocks.Select(b =>
        $"block#{b.Id} preds[{string.Join(",", b.Preds.Select(p => p.Id))}] "
        + string.Join(" ", b.Instrs.Select(i => $"{i.Op}#{i.Id}"))))
        + "\nparams " + string.Join(",", f.Params.Select(p => p.Id))
        + "\nblocks " + string.Join(",", f.Blocks.Select(b => b.GetHashCode()));
}
