using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Analysis;

/// <summary>Hand-written functions the analysis tests share, in printed (canonical) form.</summary>
internal static class AnalysisSamples
{
    /// <summary>
    /// Two nested loops and a diamond: b1 is the outer header (latch b5), b2 the inner header
    /// (latch b3), b6 a diamond after the loops, joined in b9.
    /// </summary>
    public const string NestedLoops = """
        func f(v0: i64) -> i64
        b0:
          br b1
        b1: <- b0 b5
          v1 = phi.i64 [b0: 0], [b5: v6]
          v2 = cmp.ult.i64 v1, v0
          condbr v2, b2, b6
        b2: <- b1 b3
          v3 = phi.i64 [b1: 0], [b3: v5]
          v4 = cmp.ult.i64 v3, 3
          condbr v4, b3, b4
        b3: <- b2
          v5 = add.i64 v3, 1
          br b2
        b4: <- b2
          br b5
        b5: <- b4
          v6 = add.i64 v1, v3
          br b1
        b6: <- b1
          v7 = cmp.eq.i64 v1, 7
          condbr v7, b7, b8
        b7: <- b6
          v8 = mul.i64 v1, 2
          br b9
        b8: <- b6
          br b9
        b9: <- b7 b8
          v9 = phi.i64 [b7: v8], [b8: v0]
          ret v9
        """;

    /// <summary>Parses <paramref name="text"/>, which must already be in printed form, and puts the
    /// blocks in the printer's order (the parser adds them as they are first named) and renumbers, so
    /// block <c>bN</c> is <c>Blocks[N]</c> and value <c>vN</c> has id N.</summary>
    public static Function Parse(string text)
    {
        var f = IrParser.Parse(text);
        IrPrinter.Print(f).TrimEnd('\n').ShouldBe(text, "the sample is not in printed form");
        f.ReorderBlocks(DepthFirstOrder.ReversePostOrderThenRest(f));
        f.Renumber();
        return f;
    }
}
