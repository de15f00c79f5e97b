using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>One differential test case: a program and the inputs it is run on.</summary>
internal sealed record DifferentialCase(GeneratedProgram Program, TestRunInput[] Inputs)
{
    /// <summary>The kind and the lambda as C# (what FsCheck prints for the original and the shrunk case).</summary>
    public override string ToString() => Program.ToString();
}
