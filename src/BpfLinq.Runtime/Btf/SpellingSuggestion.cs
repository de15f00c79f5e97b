namespace BpfLinq.Runtime.Btf;

// "Did you mean" for a misspelled kernel name. Candidates are compared by edit distance
// (insertions, deletions, substitutions, and swaps of two adjacent letters, the commonest typo),
// case-insensitively, with and without the "bpf_" prefix that most kfuncs carry, so "strcmp",
// "bpf_strcmpp", "bpf_strcpm" and "BPF_STRCMP" all lead to bpf_strcmp. A candidate counts only when
// the distance is at most a third of the name's length (at least 1): beyond that the suggestion is
// noise. Ties go to the ordinally first name, so messages are stable.

/// <summary>Picks the known name closest to a name that was not found.</summary>
internal static class SpellingSuggestion
{
    private const string Prefix = "bpf_";

    /// <summary>The candidate closest to <paramref name="name"/>, or null when none is close enough.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var lower = name.ToLowerInvariant();
        var wanted = Bare(name);
        var limit = Math.Max(1, wanted.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Math.Min(Distance(lower, candidate.ToLowerInvariant()), Distance(wanted, Bare(candidate)));
            if (distance <= limit && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions, three rows.</summary>
    internal static int Distance(string a, string b)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
    }

    private static string Bare(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.StartsWith(Prefix, StringComparison.Ordinal) ? lower[Prefix.Length..] : lower;
    }
}
