using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// The natural loops of a function and how they nest. An edge <c>t -&gt; h</c> is a back edge when
/// <c>h</c> dominates <c>t</c>; the loop of header <c>h</c> is <c>h</c> plus every block that reaches
/// a latch <c>t</c> without passing through <c>h</c> (found by walking predecessors backwards from
/// the latches). Loops with one header are merged; in a reducible graph two loops are either
/// disjoint or nested, so a loop's parent is the containing loop with the latest header in
/// reverse post-order. A retreating edge (to an earlier block in reverse post-order) that is not a
/// back edge makes the graph irreducible, reported by <see cref="IsReducible"/> (the front end
/// only builds reducible graphs and no pass creates irreducible ones; the backend may rely on it).
/// </summary>
internal sealed class LoopForest
{
    private readonly Cfg _cfg;
    private readonly Loop?[] _innermost;

    private LoopForest(Cfg cfg, IReadOnlyList<Loop> loops, Loop?[] innermost, bool isReducible)
    {
        _cfg = cfg;
        Loops = loops;
        _innermost = innermost;
        IsReducible = isReducible;
    }

    /// <summary>Every loop, in reverse post-order of their headers (so outer loops before inner ones).</summary>
    public IReadOnlyList<Loop> Loops { get; }

    /// <summary>The outermost loops.</summary>
    public IEnumerable<Loop> TopLevel => Loops.Where(l => l.Parent is null);

    /// <summary>False when some cycle can be entered at more than one block.</summary>
    public bool IsReducible { get; }

    /// <summary>Computes the loops of the function's current graph.</summary>
    public static LoopForest Compute(Function function)
    {
        var cfg = Cfg.Compute(function);
        var dom = DominatorTree.Compute(function);
        var loops = new List<Loop>();
        var reducible = true;
        foreach (var h in cfg.ReversePostOrder)
        {
            var header = cfg.Blocks[h];
            var latches = new List<int>();
            foreach (var t in cfg.Preds(h).Distinct())
            {
                if (!cfg.IsReachable(t) || cfg.RpoNumber(t) < cfg.RpoNumber(h))
                {
                    continue; // a forward edge (or from dead code)
                }
                if (dom.Dominates(header, cfg.Blocks[t]))
                {
                    latches.Add(t);
                }
                else
                {
                    reducible = false;
                }
            }
            if (latches.Count > 0)
            {
                loops.Add(Build(cfg, h, latches));
            }
        }
        var innermost = new Loop?[cfg.Count];
        foreach (var loop in loops)
        {
            // Loops come outer first, so the last loop written for a block is the innermost one.
            foreach (var b in loop.Blocks)
            {
                var enclosing = innermost[cfg.Index(b)];
                if (b == loop.Header && enclosing is not null)
                {
                    loop.SetParent(enclosing);
                }
                innermost[cfg.Index(b)] = loop;
            }
        }
        return new LoopForest(cfg, loops, innermost, reducible);
    }

    private static Loop Build(Cfg cfg, int h, List<int> latches)
    {
        var members = new BitSet(cfg.Count);
        members.Add(h);
        var work = new Stack<int>(latches);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (members.Add(b))
            {
                foreach (var p in cfg.Preds(b))
                {
                    if (cfg.IsReachable(p))
                    {
                        work.Push(p);
                    }
                }
            }
        }
        var blocks = members.Elements().OrderBy(cfg.RpoNumber).Select(b => cfg.Blocks[b]).ToList();
        var latchBlocks = latches.OrderBy(cfg.RpoNumber).Select(b => cfg.Blocks[b]).ToList();
        return new Loop(cfg.Blocks[h], latchBlocks, blocks, members, cfg.Index);
    }

    /// <summary>The innermost loop containing <paramref name="block"/>, or null.</summary>
    public Loop? InnermostLoop(Block block) => _innermost[_cfg.Index(block)];

    /// <summary>Number of loops containing <paramref name="block"/> (0 outside every loop).</summary>
    public int LoopDepth(Block block) => InnermostLoop(block)?.Depth ?? 0;

    /// <summary>True when <paramref name="block"/> is the header of a loop.</summary>
    public bool IsHeader(Block block) => InnermostLoop(block) is { } l && l.Header == block;

    /// <summary>True when the edge <paramref name="from"/> -&gt; <paramref name="to"/> returns to the header of a loop.</summary>
    public bool IsBackEdge(Block from, Block to) =>
        IsHeader(to) && InnermostLoop(to)!.Latches.Contains(from);
}
