using System.Collections.Concurrent;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// An operation racing with <c>Dispose</c> must fail with <see cref="ObjectDisposedException"/> and
/// never reach the object that reused the closed fd's number. Each round: a worker thread operates
/// on the victim in a loop, the test disposes the victim and at once creates a bystander (which the
/// kernel gives the lowest free fd: usually the victim's number), then checks the bystander is
/// untouched. In the parallel-free collection, so a stray write cannot land in another test's map.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class DisposeRaceTests
{
    private static readonly MapCreateOptions s_hash = new() { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = 4 };

    // The race hit a fresh map in about one round in ten; 3,000 rounds make a miss unlikely.
    private const int Rounds = 3000;

    [KernelFact]
    public void An_update_racing_with_dispose_never_writes_into_the_map_that_reused_the_fd()
    {
        var outcome = Race(
            () => BpfMap.Create(s_hash),
            victim => victim.Update(1u, 42ul),
            bystander => bystander.TryLookup<uint, ulong>(1u, out _));

        outcome.Landed.ShouldBe(0, $"writes landed in a fresh map in {outcome.Landed} of {Rounds} rounds");
        outcome.Unexpected.ShouldBeEmpty();
    }

    [KernelFact]
    public void A_test_run_racing_with_dispose_never_runs_the_program_that_reused_the_fd()
    {
        var ranBystander = new ConcurrentBag<uint>();
        var outcome = Race(
            () => Load(1),
            victim =>
            {
                uint returned = victim.TestRun(new TestRunOptions { DataIn = new byte[64] }).ReturnValue;
                if (returned != 1)
                {
                    ranBystander.Add(returned);
                }
            },
            bystander => false,
            () => Load(2));

        ranBystander.Count.ShouldBe(0, $"{ranBystander.Count} test runs ran another program");
        outcome.Unexpected.ShouldBeEmpty();
    }

    private static BpfProgram Load(int result) =>
        BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(result) });

    private static (int Landed, IReadOnlyCollection<Exception> Unexpected) Race<T>(
        Func<T> create, Action<T> operate, Func<T, bool> touched, Func<T>? createBystander = null)
        where T : class, IDisposable
    {
        int landed = 0;
        var unexpected = new ConcurrentBag<Exception>();
        for (int round = 0; round < Rounds; round++)
        {
            var victim = create();
            using var started = new ManualResetEventSlim();
            var worker = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        operate(victim);
                        started.Set();
                    }
                }
                catch (ObjectDisposedException)
                {
                    // The one allowed outcome once the victim is disposed.
                }
                catch (Exception e)
                {
                    unexpected.Add(e);
                }
                finally
                {
                    started.Set();
                }
            });
            worker.Start();
            started.Wait();
            victim.Dispose();
            using var bystander = (createBystander ?? create)();
            worker.Join();
            if (touched(bystander))
            {
                landed++;
            }
        }
        return (landed, unexpected);
    }
}
