using BpfLinq.Compiler.Tests.TestFiles;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>
/// Golden bytecode per construct (DESIGN §3): each case's lambda, IR after the pipeline, annotated
/// disassembly and expected outcomes are compared with its file under Golden/Cases; every golden
/// program is also loaded (the verifier must accept it) and run on the named inputs in the kernel.
/// Run with BPFLINQ_UPDATE_GOLDEN=1 to rewrite the files, then review the diff.
/// </summary>
public sealed class GoldenTests
{
    private static readonly bool s_update = Environment.GetEnvironmentVariable("BPFLINQ_UPDATE_GOLDEN") == "1";

    private static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Golden", "Cases");

    public static TheoryData<string> CaseNames => [.. GoldenCases.All.Select(c => c.Name)];

    private static string PathOf(string name) => Path.Combine(Folder, name + ".golden");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_compiled_program_matches_its_golden_file(string name)
    {
        var c = GoldenCases.Find(name);
        var actual = GoldenRenderer.Render(c).ToString();
        var path = PathOf(name);
        if (s_update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"{name} has no golden file; run `BPFLINQ_UPDATE_GOLDEN=1 dotnet test` and review the new file");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"{name}: the compiler's output differs from {Path.GetRelativePath(RepositoryPaths.Root, path)}:\n"
                + LineDiff.Unified(expected, actual)
                + "\nIf the new output is better, run `BPFLINQ_UPDATE_GOLDEN=1 dotnet test` and review the diff.");
        }
    }

    [Fact]
    public void Every_case_has_a_file_and_every_file_a_case()
    {
        var names = GoldenCases.All.Select(c => c.Name).ToList();
        names.ShouldBeUnique();
        var files = Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.golden", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Folder, f)[..^".golden".Length].Replace('\\', '/'))
                .ToList()
            : [];
        if (!s_update)
        {
            files.Except(names).ShouldBeEmpty("golden files without a case (delete them or add the case)");
            names.Except(files).ShouldBeEmpty("cases without a golden file (run BPFLINQ_UPDATE_GOLDEN=1 dotnet test)");
        }
    }

    [KernelTheory]
    [MemberData(nameof(CaseNames))]
    public void The_golden_program_loads_and_returns_what_the_CLR_computes(string name)
    {
        var c = GoldenCases.Find(name);
        var program = c.Compile();
        using var loaded = program.Load();
        foreach (var (line, inputName, expected) in GoldenRenderer.Expectations(c))
        {
            if (inputName is null || expected is null)
            {
                continue;
            }
            var input = c.Inputs.Single(i => i.Name == inputName).Input;
            KernelHarness.Run(loaded, c.Kind, input).ShouldBe(expected.Value, $"{name} on {inputName} ({line})");
        }
    }
}
