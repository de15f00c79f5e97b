using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class LivenessTests
{
    [Fact]
    public void Values_are_live_from_definition_to_last_use_and_around_loops()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var live = Liveness.Compute(f);
        string In(int b) => string.Join(" ", live.LiveIn(f.Blocks[b]).Select(Name));
        string Out(int b) => string.Join(" ", live.LiveOut(f.Blocks[b]).Select(Name));

        // v0 (the bound) is live everywhere up to b8, which passes it to b9's phi; a phi is not
        // live into its own block (v1 in b1, v3 in b2); b3 and b5 pass v5 and v6 to the headers.
        In(1).ShouldBe("v0");
        Out(1).ShouldBe("v0 v1");
        In(2).ShouldBe("v0 v1");
        Out(2).ShouldBe("v0 v1 v3");
        In(3).ShouldBe("v0 v1 v3");
        Out(3).ShouldBe("v0 v1 v5");
        In(5).ShouldBe("v0 v1 v3");
        Out(5).ShouldBe("v0 v6");
        In(6).ShouldBe("v0 v1");
        In(7).ShouldBe("v1");
        Out(7).ShouldBe("v8");
        In(8).ShouldBe("v0");
        Out(8).ShouldBe("v0");
        In(9).ShouldBe("");
        live.IsLiveIn(f.Blocks[3], f.Params[0]).ShouldBeTrue();
        live.IsLiveOut(f.Blocks[9], f.Params[0]).ShouldBeFalse();
        live.IsLiveIn(f.Blocks[3], f.Const(IrType.I64, 3)).ShouldBeFalse();
    }

    [Fact]
    public void A_result_refuses_blocks_added_after_it_and_unreachable_blocks_have_sets_too()
    {
        var f = IrParser.Parse("""
            func f(v0: i64) -> i64
            b0:
              br b1
            b1: <- b0
              ret v0
            b2:
              br b1
            """);
        var live = Liveness.Compute(f);
        live.IsLiveIn(f.Blocks[1], f.Params[0]).ShouldBeTrue();
        live.IsLiveOut(f.Blocks[2], f.Params[0]).ShouldBeTrue("b2 is unreachable, but its successor still uses v0");
        var added = f.AddBlock();
        Should.Throw<InvalidOperationException>(() => live.LiveIn(added)).Message.ShouldContain("changed after it was computed");
    }

    [Fact]
    public void A_phi_is_not_live_into_its_block_but_its_operands_are_live_out_of_the_predecessors()
    {
        var f = IrParser.Parse("""
            func f(v0: i64, v1: i64) -> i64
            b0:
              v2 = cmp.eq.i64 v0, 0
              condbr v2, b1, b2
            b1: <- b0
              br b2
            b2: <- b0 b1
              v3 = phi.i64 [b0: v0], [b1: v1]
              ret v3
            """);
        var live = Liveness.Compute(f);
        live.LiveIn(f.Blocks[2]).ShouldBeEmpty();
        live.LiveOut(f.Blocks[0]).ShouldBe([f.Params[0], f.Params[1]]); // v0 to b2, v1 on through b1
        live.LiveOut(f.Blocks[1]).ShouldBe([f.Params[1]]);
        live.LiveIn(f.Blocks[1]).ShouldBe([f.Params[1]]);
    }

    [Fact]
    public void Liveness_agrees_with_every_use_of_random_functions()
    {
        // The defining property: a value is live out of b exactly when some path from b's end
        // reaches a use before its definition (phi uses count at the end of their edge).
        for (var seed = 0; seed < 100; seed++)
        {
            var f = RandomIr.Generate(seed, 30);
            var live = Liveness.Compute(f);
            foreach (var b in f.Blocks)
            {
                foreach (var v in f.Params.Cast<Value>().Concat(f.AllInstrs().Where(i => i.Type != IrType.Void)))
                {
                    live.IsLiveOut(b, v).ShouldBe(UsedAfter(b, v), $"seed {seed}: {v} out of {b}");
                }
            }
        }
    }

    private static bool UsedAfter(Block from, Value v)
    {
        // Phi uses on the edges leaving 'from', then a search of the blocks beyond.
        if (from.Succs.Any(s => s.Phis.Any(p => p.Operands.Where((o, k) => o == v && p.PhiBlocks[k] == from).Any())))
        {
            return true;
        }
        var seen = new HashSet<Block>();
        var work = new Stack<Block>(from.Succs);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (!seen.Add(b))
            {
                continue;
            }
            foreach (var i in b.Instrs)
            {
                if (i.Op != Op.Phi && i.Operands.Contains(v))
                {
                    return true;
                }
                if (i == v)
                {
                    goto killed; // redefined (only possible for a loop's own value): this path ends
                }
            }
            foreach (var s in b.Succs)
            {
                if (s.Phis.Any(p => p.Operands.Where((o, k) => o == v && p.PhiBlocks[k] == b).Any()))
                {
                    return true;
                }
                work.Push(s);
            }
        killed:;
        }
        return false;
    }

    private static string Name(Value v) => v switch
    {
        Instr i => "v" + i.Id,
        Param p => "v" + p.Id,
        _ => v.ToString()!,
    };
}
