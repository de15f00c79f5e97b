using BpfLinq.Runtime.Btf;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>The edit distance behind "did you mean" and the choice of a suggestion.</summary>
public class SpellingSuggestionTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("strcmp", "strcpm", 1)]  // adjacent swap
    [InlineData("ab", "ba", 1)]
    [InlineData("ca", "abc", 3)]         // optimal string alignment, not full Damerau (which says 2)
    public void Distance_counts_edits(string a, string b, int expected) =>
        SpellingSuggestion.Distance(a, b).ShouldBe(expected);

    [Fact]
    public void Distance_is_zero_exactly_for_equal_strings_symmetric_and_bounded() =>
        Prop.ForAll(Words(), Words(), (a, b) =>
        {
            var d = SpellingSuggestion.Distance(a, b);
            return (d == 0) == (a == b)
                && d == SpellingSuggestion.Distance(b, a)
                && d >= Math.Abs(a.Length - b.Length)
                && d <= Math.Max(a.Length, b.Length);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void One_edit_is_distance_one() =>
        Prop.ForAll(Words().Filter(w => w.Length > 0), Gen.Choose(0, 1000).ToArbitrary(), (word, position) =>
        {
            var at = position % word.Length;
            var deleted = word.Remove(at, 1);
            var replaced = word[..at] + (word[at] == 'x' ? 'y' : 'x') + word[(at + 1)..];
            return SpellingSuggestion.Distance(word, deleted) == 1 && SpellingSuggestion.Distance(replaced, word) == 1;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("bpf_strcmpp", "bpf_strcmp")]
    [InlineData("strstr", "bpf_strstr")]
    [InlineData("BPF_STRLEN", "bpf_strlen")]
    [InlineData("bpf_strn", null)]            // too far from every candidate
    [InlineData("bpf_strnmp", "bpf_strcmp")]  // one edit from bpf_strcmp and from bpf_strncmp: the ordinally first
    public void Closest_picks_the_nearest_name_within_a_third_of_the_length(string name, string? expected) =>
        SpellingSuggestion.Closest(name, ["bpf_strstr", "bpf_strlen", "bpf_strcmp", "bpf_strncmp"]).ShouldBe(expected);

    private static Arbitrary<string> Words() =>
        Gen.Elements('a', 'b', 'c', '_').ArrayOf().Select(chars => new string(chars)).ToArbitrary();
}
