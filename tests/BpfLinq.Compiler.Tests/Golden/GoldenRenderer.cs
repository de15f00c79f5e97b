using System.Globalization;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Compiler.Tests.TestFiles;

namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>Builds the golden file a case should have: lambda, IR, annotated disassembly, expected outcomes.</summary>
internal static class GoldenRenderer
{
    /// <summary>The file text for a case (compiling it; the expectations come from the CLR oracle).</summary>
    public static SectionedFile Render(GoldenCase c)
    {
        var program = c.Compile();
        return new SectionedFile()
            .Set("case", c.Name)
            .Set("kind", c.Kind.ToString())
            .Set("lambda", c.SourceText)
            .Set("ir", program.Ir)
            .Set("asm", program.Disassemble())
            .Set("expect", string.Join('\n', Expectations(c).Select(e => e.Line)));
    }

    /// <summary>
    /// The expected outcomes: the verifier accepts, and for every named input the kernel may run,
    /// the value the CLR computes on the context the kernel will show the program.
    /// </summary>
    public static IEnumerable<(string Line, string? Input, uint? Value)> Expectations(GoldenCase c)
    {
        yield return ("verifier: accept", null, null);
        foreach (var map in c.Compile().Maps)
        {
            map.ClearManaged(); // the inputs run in order against empty maps, as in a fresh kernel
        }
        if (c.Kind == ProgramKind.SkSkb)
        {
            yield return ("runs: none (BPF_PROG_TEST_RUN does not run sk_skb programs)", null, null);
            yield break;
        }
        foreach (var (name, input) in c.Inputs)
        {
            if (input.Refusal(c.Kind) is { } refusal)
            {
                yield return ($"{name}: test run refused ({refusal})", name, null);
                continue;
            }
            var value = c.Evaluate(input.Predict(c.Kind));
            yield return ($"{name} -> 0x{value.ToString("x", CultureInfo.InvariantCulture)}", name, value);
        }
    }
}
