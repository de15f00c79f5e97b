using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;
using BpfLinq.Compiler.Tests.TestFiles;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Graphs;

/// <summary>
/// The depth-first search and the dominator tree on random graphs, against their textbook
/// definitions (a recursive search; dominators as sets intersected until stable), and the memo
/// that keeps both while a function's edges stay the same.
/// </summary>
public sealed class SearchAndDominatorTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(0, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Search_and_dominators_match_their_definitions_on_random_graphs(int seed)
    {
        var f = RandomGraph(new Random(seed), blocks: 3 + (seed % 30));

        var backEdges = new List<FlowEdge<Block>>();
        var order = DepthFirstOrder.ReversePostOrder(f, backEdges);
        var (expectedOrder, expectedBackEdges) = RecursiveSearch(f);
        order.ShouldBe(expectedOrder);
        backEdges.ShouldBe(expectedBackEdges);

        var dom = DominatorTree.Compute(f);
        var expected = DominatorSets(f, order);
        foreach (var a in order)
        {
            foreach (var b in order)
            {
                dom.Dominates(a, b).ShouldBe(expected[b].Contains(a), $"seed {seed}: does {a} dominate {b}?");
            }
        }
    }

    [Fact]
    public void A_join_of_many_failed_tests_down_one_chain_has_the_chain_start_as_dominator()
    {
        // b0 -> b1 -> ... -> bN, each bi also -> exit: the shape of a long && chain.
        const int N = 2_000;
        var f = new Function("chain", IrType.I64);
        var blocks = Enumerable.Range(0, N + 2).Select(_ => f.AddBlock()).ToList();
        var exit = blocks[^1];
        var cond = f.AddParam(IrType.Bool);
        for (var i = 0; i < N; i++)
        {
            blocks[i].SetTerminator(new Instr(Op.CondBr, IrType.Void, [cond]) { Targets = [blocks[i + 1], exit] });
        }
        blocks[N].SetTerminator(new Instr(Op.Br, IrType.Void, []) { Targets = [exit] });
        exit.SetTerminator(new Instr(Op.Ret, IrType.Void, [f.Const(IrType.I64, 0)]));

        var dom = DominatorTree.Compute(f);

        dom.ImmediateDominator(exit).ShouldBe(blocks[0]);
        dom.ImmediateDominator(blocks[N]).ShouldBe(blocks[N - 1]);
    }

    [Fact]
    public void The_tree_is_kept_while_the_edges_stay_and_recomputed_once_they_change()
    {
        var f = IrParser.Parse(Analysis.AnalysisSamples.NestedLoops);
        var first = DominatorTree.Compute(f);

        DominatorTree.Compute(f).ShouldBeSameAs(first);

        f.Blocks[7].JumpTo(f.Blocks[9]);
        f.Blocks[9].RemoveIncoming(f.Blocks[7]);
        IrBuilder.AddPhiIncoming(f.Blocks[9].Phis.First(), f.Blocks[7], f.Const(IrType.I64, 0));
        DominatorTree.Compute(f).ShouldNotBeSameAs(first);
    }

    [Fact]
    public void Jump_threading_computes_no_dominator_tree_in_a_function_without_a_cycle()
    {
        // x = a && b ? 1 : 0; if (x != 0): both predecessors of the test are threaded past it.
        var path = Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Passes", "thread-jumps", "MaterialisedAndAlso.ir");
        var f = IrParser.Parse(SectionedFile.Parse(File.ReadAllText(path)).Get("input")!);

        new JumpThreading().Run(f, new PassContext(ProgramKind.Tc));

        f.Blocks.ShouldNotContain(b => b.Instrs.Any(i => i.Op == Op.Phi)); // the tested block went
        DepthFirstOrder.Memo(f).Dominators.ShouldBeNull();
    }

    // A function of n blocks, each ending in a ret, a jump or a two-way branch to random blocks.
    private static Function RandomGraph(Random random, int blocks)
    {
        var f = new Function("random", IrType.I64);
        var cond = f.AddParam(IrType.Bool);
        var all = Enumerable.Range(0, blocks).Select(_ => f.AddBlock()).ToList();
        foreach (var b in all)
        {
            var kind = random.Next(5);
            var terminator = kind == 0
                ? new Instr(Op.Ret, IrType.Void, [f.Const(IrType.I64, 0)])
                : kind == 1
                    ? new Instr(Op.Br, IrType.Void, []) { Targets = [all[random.Next(1, blocks)]] }
                    : new Instr(Op.CondBr, IrType.Void, [cond]) { Targets = [all[random.Next(1, blocks)], all[random.Next(1, blocks)]] };
            b.SetTerminator(terminator);
        }
        return f;
    }

    // Recursive depth-first search of the entry, successors last to first; reverse post-order and back edges.
    private static (List<Block> Order, List<FlowEdge<Block>> BackEdges) RecursiveSearch(Function f)
    {
        var post = new List<Block>();
        var backEdges = new List<FlowEdge<Block>>();
        var gray = new HashSet<Block>();
        var done = new HashSet<Block>();
        void Visit(Block b)
        {
            gray.Add(b);
            for (var k = b.Succs.Count - 1; k >= 0; k--)
            {
                var s = b.Succs[k];
                if (gray.Contains(s))
                {
                    backEdges.Add(new FlowEdge<Block>(b, s, k));
                }
                else if (!done.Contains(s))
                {
                    Visit(s);
                }
            }
            gray.Remove(b);
            done.Add(b);
            post.Add(b);
        }
        Visit(f.Entry);
        post.Reverse();
        return (post, backEdges);
    }

    // Dom(entry) = {entry}; Dom(b) = {b} ∪ ∩ Dom(p) over reachable predecessors, until stable.
    private static Dictionary<Block, HashSet<Block>> DominatorSets(Function f, List<Block> reachable)
    {
        var dom = reachable.ToDictionary(b => b, b => b == f.Entry ? [b] : reachable.ToHashSet());
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var b in reachable.Skip(1))
            {
                var set = reachable.ToHashSet();
                foreach (var p in b.Preds.Where(dom.ContainsKey))
                {
                    set.IntersectWith(dom[p]);
                }
                set.Add(b);
                if (!set.SetEquals(dom[b]))
                {
                    dom[b] = set;
                    changed = true;
                }
            }
        }
        return dom;
    }
}
