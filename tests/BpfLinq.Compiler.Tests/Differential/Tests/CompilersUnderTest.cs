using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.StandIn;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>The compilers the differential theories run against, by name.</summary>
internal static class CompilersUnderTest
{
    /// <summary>The stand-in (always there) and BpfLinq's compiler (once wired in <see cref="BpfLinqCompiler.Compile"/>).</summary>
    public static TheoryData<string> Names => ["stand-in", "BpfLinq"];

    /// <summary>The compiler named <paramref name="name"/>; skips the test while BpfLinq's is not wired.</summary>
    public static CompilerUnderTest Get(string name) => name switch
    {
        "stand-in" => StackCompiler.UnderTest,
        "BpfLinq" => BpfLinqCompiler.UnderTest
            ?? throw new SkipException("BpfLinq's compiler is not wired into the differential tests yet: set Harness/BpfLinqCompiler.Compile"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
