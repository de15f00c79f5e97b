using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Isa;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// ParallelMoves against a simulator (QBE's tools/pmov.c idea): every permutation of up to seven
/// locations, registers and slots mixed, with the other registers free or all holding live values
/// (which forces the stack fallbacks). Each result must be one-instruction moves that never read
/// an unwritten location (the verifier would reject it), leave every destination with its source's
/// old value and every busy register untouched.
/// </summary>
public sealed class ParallelMovesTests
{
    private const int EmergencyBase = 100;

    [Fact]
    public void Every_permutation_of_up_to_seven_locations_is_sequentialised_correctly()
    {
        var cases = 0;
        for (var n = 1; n <= 7; n++)
        {
            for (var slots = 0; slots <= n; slots++)
            {
                var locations = Enumerable.Range(0, n - slots).Select(r => Location.In((Reg)r))
                    .Concat(Enumerable.Range(0, slots).Select(Location.Slot)).ToArray();
                var others = AllRegisters & ~Mask(locations);
                foreach (var permutation in Permutations(n))
                {
                    var moves = Enumerable.Range(0, n).Select(i => new MoveStep(locations[i], locations[permutation[i]])).ToList();
                    Verify(moves, busy: 0);
                    Verify(moves, busy: others);
                    cases += 2;
                }
            }
        }
        cases.ShouldBe(92_464); // 2 · Σ (n+1)·n! for n = 1..7
    }

    [Fact]
    public void Random_moves_with_fan_out_and_constants_are_sequentialised_correctly()
    {
        var location = Gen.OneOf(
            Gen.Choose(0, 9).Select(r => Location.In((Reg)r)),
            Gen.Choose(0, 5).Select(Location.Slot));
        var source = Gen.Frequency(
            (6, location),
            (1, Gen.Elements(0L, -1L, 0xffffffffL, 0x1_0000_0000L, long.MinValue).Select(Location.Constant)));
        var moveSets =
            from destinations in Gen.ListOf(location).Select(l => l.Distinct().ToList())
            from sources in Gen.ListOf(source, destinations.Count)
            from busyBits in Gen.Choose(0, AllRegisters)
            select (destinations.Zip(sources, (d, s) => new MoveStep(d, s)).ToList(), busyBits & ~Mask(destinations));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(moveSets.ToArbitrary(), c => Verify(c.Item1, c.Item2)));
    }

    [Fact]
    public void A_swap_with_a_free_register_takes_three_moves()
    {
        var output = new List<MoveStep>();
        ParallelMoves.Sequentialize([new MoveStep(Location.In(Reg.R1), Location.In(Reg.R2)), new MoveStep(Location.In(Reg.R2), Location.In(Reg.R1))], 0, _ => throw new InvalidOperationException("no slot needed"), output);
        output.Count.ShouldBe(3);
    }

    [Fact]
    public void Writing_one_destination_twice_is_refused()
    {
        var r1 = Location.In(Reg.R1);
        Should.Throw<ArgumentException>(() => ParallelMoves.Sequentialize([new MoveStep(r1, Location.In(Reg.R2)), new MoveStep(r1, Location.In(Reg.R3))], 0, k => k, []));
    }

    private const int AllRegisters = (1 << VReg.PhysicalCount) - 1;

    private static int Mask(IEnumerable<Location> locations) =>
        locations.Where(l => l.IsRegister).Aggregate(0, (m, l) => m | (1 << (int)l.Reg));

    private static bool Verify(List<MoveStep> moves, int busy)
    {
        var output = new List<MoveStep>();
        ParallelMoves.Sequentialize(moves, busy, k => EmergencyBase + k, output);
        // Initially every source and every busy register holds a distinct value; nothing else is written.
        var state = new Dictionary<Location, string>();
        foreach (var m in moves.Where(m => !m.Source.IsConstant))
        {
            state[m.Source] = "old " + m.Source;
        }
        for (var r = 0; r < VReg.PhysicalCount; r++)
        {
            if ((busy & (1 << r)) != 0)
            {
                state[Location.In((Reg)r)] = "busy r" + r;
            }
        }
        var initial = new Dictionary<Location, string>(state);
        void Fail(string what) => throw new ShouldAssertException($"{what}: {Describe(moves, busy, output)}");
        foreach (var step in output)
        {
            if (!step.IsEncodable)
            {
                Fail($"{step} is not one instruction");
            }
            if (step.Destination.IsSlot && step.Destination.SlotIndex < EmergencyBase && !moves.Exists(m => m.Destination == step.Destination))
            {
                Fail($"{step} writes a slot that is no destination");
            }
            if (step.Source.IsConstant)
            {
                state[step.Destination] = "const " + step.Source.Value;
            }
            else if (state.TryGetValue(step.Source, out var value))
            {
                state[step.Destination] = value;
            }
            else
            {
                Fail($"{step} reads an unwritten location");
            }
        }
        foreach (var m in moves)
        {
            var want = m.Source.IsConstant ? "const " + m.Source.Value : initial[m.Source];
            if (state[m.Destination] != want)
            {
                Fail($"{m.Destination} holds {state[m.Destination]}, want {want}");
            }
        }
        foreach (var (location, value) in initial)
        {
            if (value.StartsWith("busy", StringComparison.Ordinal) && state[location] != value)
            {
                Fail($"busy {location} was clobbered");
            }
        }
        return true;
    }

    private static string Describe(List<MoveStep> moves, int busy, List<MoveStep> output) =>
        $"moves [{string.Join(", ", moves)}] busy 0x{busy:x} -> [{string.Join("; ", output)}]";

    private static IEnumerable<int[]> Permutations(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])p.Clone();
            var i = n - 2;
            while (i >= 0 && p[i] >= p[i + 1])
            {
                i--;
            }
            if (i < 0)
            {
                yield break;
            }
            var j = n - 1;
            while (p[j] <= p[i])
            {
                j--;
            }
            (p[i], p[j]) = (p[j], p[i]);
            Array.Reverse(p, i + 1, n - i - 1);
        }
    }
}
