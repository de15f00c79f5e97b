using System.Text.RegularExpressions;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;
using BpfLinq.Compiler.Tests.TestFiles;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// Runs the IR file tests under <c>Passes/&lt;step name&gt;/*.ir</c>: the <c>-- input</c> function through
/// the passes named in <c>-- pass</c> (one per line; <c>pipeline</c> for all of them), verified after
/// each, must print as <c>-- output</c> and behave as the input on a fixed set of arguments. An
/// optional <c>-- kind</c> section names the program kind (<see cref="ProgramKind"/>, as the golden
/// files do); without it the function is a socket filter.
/// <c>BPFLINQ_UPDATE_GOLDEN=1</c> rewrites the outputs instead; <c>BPFLINQ_DUMP=*</c> (or pass
/// names) writes the function after those passes to the test's output.
/// </summary>
public sealed partial class PassFileTests(ITestOutputHelper output)
{
    private const string UpdateVariable = "BPFLINQ_UPDATE_GOLDEN";

    private static string Root => Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Passes");

    public static TheoryData<string> Files { get; } = new(
        Directory.GetFiles(Root, "*.ir", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Passes_turn_the_input_into_the_output(string path)
    {
        var full = Path.Combine(Root, path);
        var file = SectionedFile.Parse(File.ReadAllText(full));
        var input = file.Get("input") ?? throw new FormatException($"{path}: no '-- input' section");
        var passes = (file.Get("pass") ?? throw new FormatException($"{path}: no '-- pass' section"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var kind = Enum.Parse<ProgramKind>(file.Get("kind") ?? nameof(ProgramKind.SocketFilter));

        var before = IrParser.Parse(input);
        IrVerifier.Check(before).ShouldBeEmpty($"{path}: the input is malformed");
        var after = IrParser.Parse(input);
        foreach (var pass in passes)
        {
            PassCatalog.Run(pass, after, output.WriteLine, kind: kind);
        }
        var actual = IrPrinter.Print(after).TrimEnd('\n');

        // The interpreter has no packet behind the context's data pointers: code that reads the
        // packet directly is checked by its text here and by the kernel tests.
        var interpretable = !after.AllInstrs().Any(i => i.Type == IrType.PacketPtr || i.Type == IrType.PacketEnd);
        foreach (var args in interpretable ? Arguments(before.Params.Count) : [])
        {
            var context = Enumerable.Range(0, RandomIr.ContextSize).Select(i => (byte)(i * 37)).ToArray();
            var (reference, observed) = (IrBehaviour.Of(before, args, context), IrBehaviour.Of(after, args, context));
            if (passes.Any(PassCatalog.MayChangeHighResultBits))
            {
                (reference, observed) = (reference.AsProgram(), observed.AsProgram());
            }
            observed.ShouldBe(reference, $"{path}: behaviour changed on [{string.Join(", ", args)}]\n{actual}");
        }

        var expected = file.Get("output");
        if (expected is not null && Normalize(expected) == Normalize(actual))
        {
            return;
        }
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            file.Set("output", actual);
            File.WriteAllText(full, file.ToString());
            return;
        }
        Assert.Fail($"{path}: output differs (- expected, + actual):\n{LineDiff.Unified(Normalize(expected ?? ""), Normalize(actual))}\n" +
            $"If the new output is right, run `{UpdateVariable}=1 dotnet test tests/BpfLinq.Compiler.Tests --filter FullyQualifiedName~PassFileTests` and review the diff.");
    }

    [Fact]
    public void Every_pass_has_file_tests_in_a_folder_named_after_its_step()
    {
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).ToHashSet();
        var names = PassCatalog.Passes.Select(p => p.Name).Append(PassCatalog.WholePipeline).ToHashSet();
        foreach (var name in names)
        {
            folders.ShouldContain(name, $"Passes/{name}/ holds the IR tests of the step '{name}'");
            Directory.GetFiles(Path.Combine(Root, name), "*.ir").ShouldNotBeEmpty(name);
        }
        foreach (var folder in folders)
        {
            names.ShouldContain(folder!, $"Passes/{folder}/ is not named after a pass of the compile order");
        }
    }

    // Scalar arguments at edge values; a fixed set, so failures reproduce.
    private static IEnumerable<long[]> Arguments(int count)
    {
        long[] edges = [0, 1, -1, 5, 6, 7, 255, 256, int.MaxValue, int.MinValue, 0xffff_ffffL, long.MinValue, 42, -42];
        var rng = new Random(count);
        // The first argument also cuts the packet short (IrBehaviour), so more runs for packet code.
        for (var k = 0; k < 24; k++)
        {
            yield return Enumerable.Range(0, count).Select(_ => edges[rng.Next(edges.Length)]).ToArray();
        }
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Split('\n').Select(l => Spaces().Replace(l.TrimEnd(), " ;")).Where(l => l.Length > 0));

    [GeneratedRegex(@"\s+;")]
    private static partial Regex Spaces();
}
