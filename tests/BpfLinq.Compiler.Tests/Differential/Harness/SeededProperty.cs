using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// An FsCheck property over two generated values, sized and seeded by the environment
/// (<c>&lt;prefix&gt;_PROGRAMS</c>, <c>&lt;prefix&gt;_SEED</c>): a failure names both variables with the
/// values that replay it.
/// </summary>
internal static class SeededProperty
{
    /// <summary>Checks <paramref name="body"/>; returns the number of cases and the seed used.</summary>
    public static (int Programs, ulong Seed) Check<T1, T2>(string prefix, int defaultPrograms, Gen<T1> first, Gen<T2> second, Action<T1, T2> body)
    {
        var programs = int.TryParse(Environment.GetEnvironmentVariable(prefix + "_PROGRAMS"), CultureInfo.InvariantCulture, out var n) ? n : defaultPrograms;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable(prefix + "_SEED"), CultureInfo.InvariantCulture, out var s) ? s : (ulong)Random.Shared.NextInt64();
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(programs)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            Prop.ForAll(first.ToArbitrary(), second.ToArbitrary(), body).Check(config);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"property failed; replay with {prefix}_SEED={seed} {prefix}_PROGRAMS={programs}\n{e.Message}");
        }
        return (programs, seed);
    }
}
