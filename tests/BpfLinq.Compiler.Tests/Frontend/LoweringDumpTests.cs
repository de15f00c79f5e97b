using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Tests.TestFiles;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>
/// The IR the front end makes for one lambda per construct family, compared with the text kept in
/// <c>Frontend/Dumps/&lt;case&gt;.ir</c> (sections <c>-- case</c>, <c>-- kind</c>, <c>-- lambda</c>, <c>-- ir</c>).
/// This is the front end's own output, before any pass. To accept a change, run
/// <c>BPFLINQ_UPDATE_GOLDEN=1 dotnet test --filter LoweringDumpTests</c> and review the diff.
/// </summary>
public sealed class LoweringDumpTests
{
    private static readonly string s_folder = Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Frontend", "Dumps");

    public static TheoryData<string> Cases => new(LoweringDumpCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_IR_is_the_reviewed_dump(string name)
    {
        var (lambda, kind) = LoweringDumpCases.All[name];
        var actual = new SectionedFile()
            .Set("case", name)
            .Set("kind", kind.ToString())
            .Set("lambda", CSharpRenderer.Render(lambda))
            .Set("ir", IrPrinter.Print(IrLowering.Lower(lambda, kind, LoweringOptions.Default)))
            .ToString();
        var path = Path.Combine(s_folder, FileName(name));
        if (Environment.GetEnvironmentVariable("BPFLINQ_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(s_folder);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"no dump {path}: run `BPFLINQ_UPDATE_GOLDEN=1 dotnet test --filter LoweringDumpTests` and review it");
        var expected = SectionedFile.Parse(File.ReadAllText(path)).ToString();
        if (expected != actual)
        {
            Assert.Fail($"{name}: the IR changed (- expected, + actual):\n{LineDiff.Unified(expected, actual)}\n"
                + "If the new IR is right, run `BPFLINQ_UPDATE_GOLDEN=1 dotnet test --filter LoweringDumpTests` and review the diff.");
        }
    }

    [Fact]
    public void Every_dump_has_a_case()
    {
        var files = Directory.GetFiles(s_folder, "*.ir").Select(Path.GetFileName).Order();
        files.ShouldBe(LoweringDumpCases.All.Keys.Select(FileName).Order());
    }

    [Fact]
    public void Lowering_is_deterministic()
    {
        foreach (var (lambda, kind) in LoweringDumpCases.All.Values)
        {
            IrPrinter.Print(IrLowering.Lower(lambda, kind, LoweringOptions.Default))
                .ShouldBe(IrPrinter.Print(IrLowering.Lower(lambda, kind, LoweringOptions.Default)));
        }
    }

    [Fact]
    public void What_the_printer_prints_the_parser_reads_back()
    {
        foreach (var (lambda, kind) in LoweringDumpCases.All.Values)
        {
            var text = IrPrinter.Print(IrLowering.Lower(lambda, kind, LoweringOptions.Default));
            var parsed = IrParser.Parse(text);
            IrVerifier.Check(parsed).ShouldBeEmpty();
            // The parser rebuilds predecessor lists in block order; the printer shows them in the
            // order the edges were made. Everything else must survive the round trip.
            WithoutPredecessors(IrPrinter.Print(parsed)).ShouldBe(WithoutPredecessors(text));
        }
    }

    private static string WithoutPredecessors(string ir) =>
        System.Text.RegularExpressions.Regex.Replace(ir, @"^(b\d+):.*$", "$1:", System.Text.RegularExpressions.RegexOptions.Multiline);

    private static string FileName(string name) => name.Replace(' ', '-') + ".ir";
}
