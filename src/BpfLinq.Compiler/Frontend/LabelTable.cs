using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The block of each label of a hand-built tree (a <c>LabelExpression</c>, or a loop's break and
/// continue labels) and when it can be sealed. A goto may precede its label or follow it, so a
/// label's block is made by whichever comes first. The block is sealed (see <see cref="SsaBuilder"/>)
/// once the label is placed and every goto to it in the tree has been lowered; the number of gotos
/// is counted before lowering starts.
/// </summary>
internal sealed class LabelTable
{
    private readonly Function _function;
    private readonly Expression _root;
    private Dictionary<LabelTarget, int>? _gotos;
    private readonly Dictionary<LabelTarget, Entry> _entries = [];

    /// <summary>Labels of <paramref name="root"/> (whose gotos are counted on first need); blocks are added to <paramref name="function"/>.</summary>
    public LabelTable(Expression root, Function function)
    {
        _function = function;
        _root = root;
    }

    /// <summary>The block a label stands for (made on first use).</summary>
    public Block BlockOf(LabelTarget target) => EntryOf(target).Block;

    /// <summary>How many gotos of the whole tree jump to <paramref name="target"/>.</summary>
    public int GotosTo(LabelTarget target) => (_gotos ??= GotoCounter.Count(_root)).GetValueOrDefault(target); // counted when a label first asks: most trees have none

    /// <summary>Records a lowered goto.</summary>
    public void GotoLowered(GotoExpression node, SsaBuilder ssa)
    {
        var entry = EntryOf(node.Target);
        entry.FirstGoto ??= node;
        entry.Remaining--;
        TrySeal(entry, ssa);
    }

    /// <summary>Records that the label's own position has been reached (every edge but the gotos is in place).</summary>
    public void Place(LabelTarget target, SsaBuilder ssa)
    {
        var entry = EntryOf(target);
        entry.Placed = true;
        TrySeal(entry, ssa);
    }

    /// <summary>Seals what is left; returns the gotos to labels that are nowhere in the tree.</summary>
    public List<GotoExpression> SealAll(SsaBuilder ssa)
    {
        foreach (var entry in _entries.Values)
        {
            ssa.SealBlock(entry.Block);
        }
        return [.. _entries.Values.Where(e => !e.Placed && e.FirstGoto is not null).Select(e => e.FirstGoto!)];
    }

    private Entry EntryOf(LabelTarget target)
    {
        if (!_entries.TryGetValue(target, out var entry))
        {
            entry = new Entry(_function.AddBlock(), GotosTo(target));
            _entries[target] = entry;
        }
        return entry;
    }

    private static void TrySeal(Entry entry, SsaBuilder ssa)
    {
        if (entry.Placed && entry.Remaining <= 0)
        {
            ssa.SealBlock(entry.Block);
        }
    }

    private sealed class Entry(Block block, int remaining)
    {
        public Block Block { get; } = block;

        public int Remaining { get; set; } = remaining;

        public bool Placed { get; set; }

        public GotoExpression? FirstGoto { get; set; }
    }
}
