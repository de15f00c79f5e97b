using System.Numerics;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// A fixed-capacity set of small non-negative integers (value, block or allocation-node ids, at either level), one bit each.
/// Mutable while an analysis computes; analyses hand out read-only views of the finished sets.
/// Enumeration is in ascending order, so anything printed from a set is deterministic.
/// </summary>
internal sealed class BitSet : IEquatable<BitSet>
{
    private readonly ulong[] _words;

    /// <summary>Creates an empty set that can hold 0 ... <paramref name="capacity"/> - 1.</summary>
    public BitSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _words = new ulong[(capacity + 63) / 64];
    }

    /// <summary>One more than the largest element the set can hold.</summary>
    public int Capacity { get; }

    /// <summary>Number of elements.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var w in _words)
            {
                n += BitOperations.PopCount(w);
            }
            return n;
        }
    }

    /// <summary>True when <paramref name="i"/> is in the set.</summary>
    public bool Contains(int i) => (uint)i < (uint)Capacity && (_words[i >> 6] & (1UL << i)) != 0;

    /// <summary>Adds <paramref name="i"/>; returns true when it was not there.</summary>
    public bool Add(int i)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)Capacity, nameof(i));
        var before = _words[i >> 6];
        _words[i >> 6] = before | (1UL << i);
        return before != _words[i >> 6];
    }

    /// <summary>Removes <paramref name="i"/>; returns true when it was there.</summary>
    public bool Remove(int i)
    {
        if (!Contains(i))
        {
            return false;
        }
        _words[i >> 6] &= ~(1UL << i);
        return true;
    }

    /// <summary>Adds every element of <paramref name="other"/>; returns true when the set grew.</summary>
    public bool UnionWith(BitSet other)
    {
        CheckSameCapacity(other);
        var changed = false;
        for (var k = 0; k < _words.Length; k++)
        {
            var merged = _words[k] | other._words[k];
            changed |= merged != _words[k];
            _words[k] = merged;
        }
        return changed;
    }

    /// <summary>Removes every element of <paramref name="other"/>.</summary>
    public void ExceptWith(BitSet other)
    {
        CheckSameCapacity(other);
        for (var k = 0; k < _words.Length; k++)
        {
            _words[k] &= ~other._words[k];
        }
    }

    /// <summary>Makes this set a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(BitSet other)
    {
        CheckSameCapacity(other);
        other._words.CopyTo(_words, 0);
    }

    /// <summary>Sets this to <c>gen ∪ (outSet − kill)</c>, a backward data-flow transfer; returns true when the set changed.</summary>
    public bool SetToTransfer(BitSet gen, BitSet outSet, BitSet kill)
    {
        var changed = false;
        for (var k = 0; k < _words.Length; k++)
        {
            var v = gen._words[k] | (outSet._words[k] & ~kill._words[k]);
            changed |= v != _words[k];
            _words[k] = v;
        }
        return changed;
    }

    /// <summary>Writes the elements in ascending order into <paramref name="into"/> (cleared first), without an iterator.</summary>
    public void CopyElementsTo(List<int> into)
    {
        into.Clear();
        for (var k = 0; k < _words.Length; k++)
        {
            var w = _words[k];
            while (w != 0)
            {
                into.Add((k * 64) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }
    }

    /// <summary>A set with the same elements.</summary>
    public BitSet Clone()
    {
        var copy = new BitSet(Capacity);
        _words.CopyTo(copy._words, 0);
        return copy;
    }

    /// <summary>The elements in ascending order.</summary>
    public IEnumerable<int> Elements()
    {
        for (var k = 0; k < _words.Length; k++)
        {
            var w = _words[k];
            while (w != 0)
            {
                yield return (k * 64) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }
    }

    /// <summary>True when both sets have the same capacity and elements.</summary>
    public bool Equals(BitSet? other) => other is not null && other.Capacity == Capacity && _words.AsSpan().SequenceEqual(other._words);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BitSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in _words)
        {
            hash.Add(w);
        }
        return hash.ToHashCode();
    }

    /// <summary>The elements as <c>{1, 4, 9}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", Elements()) + "}";

    private void CheckSameCapacity(BitSet other)
    {
        if (other.Capacity != Capacity)
        {
            throw new ArgumentException($"sets of capacity {Capacity} and {other.Capacity} do not combine", nameof(other));
        }
    }
}
