using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Names to ids for one spec's own types, built in one pass: per kind, a dictionary from name to the
/// first and last id with that name, and a "next id with the same name and kind" array threading the
/// rest, so lookups are O(1) and duplicates (static functions) cost one int each.
/// </summary>
internal sealed class BtfNameIndex
{
    private readonly Dictionary<string, Chain>?[] _byKind = new Dictionary<string, Chain>?[BtfWire.KindMax + 1];
    private readonly int[] _next;
    private readonly int _firstId;

    public BtfNameIndex(BtfSpec spec)
    {
        _firstId = spec.FirstTypeId;
        _next = new int[spec.TypeCount - spec.FirstTypeId];
        var names = new Dictionary<uint, string>();
        for (var id = spec.FirstTypeId; id < spec.TypeCount; id++)
        {
            var record = spec.Record(id);
            var offset = record.NameOffset;
            if (offset == 0 || spec.Strings.IsEmpty(offset))
            {
                continue;
            }
            // Equal offsets are equal strings (a struct and its typedef often share one): decode each offset once.
            ref var name = ref CollectionsMarshal.GetValueRefOrAddDefault(names, offset, out var known);
            if (!known)
            {
                name = spec.Strings.Get(offset);
            }
            var byName = _byKind[(int)record.Kind] ??= new Dictionary<string, Chain>(StringComparer.Ordinal);
            ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, name!, out var exists);
            if (exists)
            {
                _next[chain.Last - _firstId] = id;
                chain.Last = id;
            }
            else
            {
                chain = new Chain { First = id, Last = id };
            }
        }
    }

    public bool TryFind(string name, BtfKind kind, out int id)
    {
        id = 0;
        if ((uint)kind > BtfWire.KindMax || _byKind[(int)kind] is not { } byName || !byName.TryGetValue(name, out var chain))
        {
            return false;
        }
        id = chain.First;
        return true;
    }

    public void Collect(string name, BtfKind kind, List<int> ids)
    {
        if (!TryFind(name, kind, out var id))
        {
            return;
        }
        for (; id != 0; id = _next[id - _firstId])
        {
            ids.Add(id);
        }
    }

    private struct Chain
    {
        public int First;
        public int Last;
    }
}
