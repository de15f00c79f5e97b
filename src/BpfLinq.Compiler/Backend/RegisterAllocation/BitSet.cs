using System.Numerics;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>A fixed-capacity set of small integers (allocation nodes), one bit each.</summary>
internal sealed class BitSet
{
    private readonly ulong[] _words;

    /// <summary>Creates an empty set able to hold 0 .. capacity-1.</summary>
    public BitSet(int capacity) => _words = new ulong[(capacity + 63) >> 6];

    /// <summary>Adds <paramref name="i"/>.</summary>
    public void Add(int i) => _words[i >> 6] |= 1UL << i;

    /// <summary>Removes <paramref name="i"/>.</summary>
    public void Remove(int i) => _words[i >> 6] &= ~(1UL << i);

    /// <summary>True when <paramref name="i"/> is in the set.</summary>
    public bool Contains(int i) => (_words[i >> 6] & (1UL << i)) != 0;

    /// <summary>Makes this set a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(BitSet other) => other._words.CopyTo(_words, 0);

    /// <summary>Adds every member of <paramref name="other"/>; true when this set grew.</summary>
    public bool UnionWith(BitSet other)
    {
        var changed = false;
        for (var w = 0; w < _words.Length; w++)
        {
            var merged = _words[w] | other._words[w];
            changed |= merged != _words[w];
            _words[w] = merged;
        }
        return changed;
    }

    /// <summary>Sets this to <c>gen ∪ (outSet − kill)</c>; true when the set changed.</summary>
    public bool SetToTransfer(BitSet gen, BitSet outSet, BitSet kill)
    {
        var changed = false;
        for (var w = 0; w < _words.Length; w++)
        {
            var v = gen._words[w] | (outSet._words[w] & ~kill._words[w]);
            changed |= v != _words[w];
            _words[w] = v;
        }
        return changed;
    }

    /// <summary>The members in increasing order.</summary>
    public IEnumerable<int> Members()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var bits = _words[w];
            while (bits != 0)
            {
                var b = BitOperations.TrailingZeroCount(bits);
                yield return (w << 6) + b;
                bits &= bits - 1;
            }
        }
    }

    /// <summary>Writes the members into <paramref name="into"/> (cleared first); avoids an iterator.</summary>
    public void CopyMembersTo(List<int> into)
    {
        into.Clear();
        for (var w = 0; w < _words.Length; w++)
        {
            var bits = _words[w];
            while (bits != 0)
            {
                into.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
    }
}
