namespace BpfLinq.Compiler.Tests.TestFiles;

public sealed class SectionedFileTests
{
    [Fact]
    public void Sections_round_trip_through_text()
    {
        var text = "-- case\nOperators/LessThan.uint\n\n-- kind\nSocketFilter\n\n-- asm\n   0:\tr0 = 0x4\n   1:\texit\n";
        var file = SectionedFile.Parse(text);
        file.Get("case").ShouldBe("Operators/LessThan.uint");
        file.Get("asm").ShouldBe("   0:\tr0 = 0x4\n   1:\texit");
        file.ToString().ShouldBe(text);
    }

    [Fact]
    public void Text_before_the_first_section_is_an_error()
    {
        Should.Throw<FormatException>(() => SectionedFile.Parse("stray\n-- case\nx"));
    }

    [Fact]
    public void The_diff_marks_removed_and_added_lines_and_elides_distant_context()
    {
        var expected = string.Join('\n', Enumerable.Range(0, 20).Select(i => $"line {i}"));
        var actual = expected.Replace("line 10", "line ten");
        var diff = LineDiff.Unified(expected, actual, context: 1);
        diff.ShouldBe("  ...\n  line 9\n- line 10\n+ line ten\n  line 11\n  ...\n");
    }
}
