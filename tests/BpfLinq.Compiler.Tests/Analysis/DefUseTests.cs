using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class DefUseTests
{
    [Fact]
    public void Uses_are_listed_in_program_order_with_their_slot_and_site()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var uses = DefUse.Compute(f);
        var v1 = f.Blocks[1].Instrs[0];
        uses.Uses(v1).Select(u => $"{u.User.Op}:{u.Operand}@{u.Site}").ShouldBe(
            ["Cmp:0@b1", "Add:0@b5", "Cmp:0@b6", "Mul:0@b7"]);
        var v4 = f.Blocks[3].Instrs[0];
        uses.Uses(v4).ShouldHaveSingleItem().Site.ShouldBe(f.Blocks[3]); // a phi operand is used at the end of its edge
        uses.UseCount(f.Params[0]).ShouldBe(2);
        uses.IsUnused(f.Blocks[9].Instrs[0]).ShouldBeFalse();
        uses.IsUnused(f.Blocks[9].Terminator!).ShouldBeTrue();
        uses.Uses(f.Const(IrType.I64, 3)).ShouldBeEmpty();
    }
}
