using BpfLinq.Compiler.Analysis;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class BitSetTests
{
    [Fact]
    public void A_bit_set_behaves_like_a_sorted_set_of_its_capacity()
    {
        var ops = Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 199)).ArrayOf();
        Prop.ForAll(Gen.Choose(1, 200).ToArbitrary(), ops.ToArbitrary(), (capacity, steps) =>
        {
            var set = new BitSet(capacity);
            var other = new BitSet(capacity);
            var model = new SortedSet<int>();
            var otherModel = new SortedSet<int>();
            foreach (var (op, raw) in steps)
            {
                var i = raw % capacity;
                switch (op)
                {
                    case 0: set.Add(i).ShouldBe(model.Add(i)); break;
                    case 1: set.Remove(i).ShouldBe(model.Remove(i)); break;
                    case 2: other.Add(i); otherModel.Add(i); break;
                    default:
                        var grew = !otherModel.IsSubsetOf(model);
                        set.UnionWith(other).ShouldBe(grew);
                        model.UnionWith(otherModel);
                        break;
                }
                set.Contains(i).ShouldBe(model.Contains(i));
            }
            set.Elements().ShouldBe(model);
            set.Count.ShouldBe(model.Count);
            var copy = set.Clone();
            copy.ShouldBe(set);
            copy.ExceptWith(other);
            copy.Elements().ShouldBe(model.Except(otherModel));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Elements_outside_the_capacity_are_rejected_or_absent()
    {
        var set = new BitSet(70);
        set.Add(69).ShouldBeTrue();
        set.Contains(70).ShouldBeFalse();
        set.Contains(-1).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => set.Add(70));
        Should.Throw<ArgumentException>(() => set.UnionWith(new BitSet(64)));
        set.ToString().ShouldBe("{69}");
    }
}
