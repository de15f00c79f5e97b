using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Diagnostics;

public sealed class BpfCompileExceptionTests
{
    [Fact]
    public void The_message_has_the_house_shape_with_file_and_line()
    {
        Expression<Func<SkBuff, Verdict>> lambda = skb => skb.Tstamp > 0 ? Pass : Drop;
        var options = new LoweringOptions { SourceText = "skb => skb.Tstamp > 0 ? Pass : Drop", SourceFile = "/src/app/Program.cs", SourceLine = 42 };

        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(lambda, ProgramKind.SocketFilter, options));

        e.Message.ShouldBe("""
            BPF0012: field SkBuff.Tstamp cannot be read by a SocketFilter program (readable by Tc and CgroupSkb programs)
            at: skb.Tstamp
            path: Body.Test.Left
            lambda: skb => skb.Tstamp > 0 ? Pass : Drop
            source: Program.cs:42
            """.ReplaceLineEndings("\n"));
        e.SourceFile.ShouldBe("/src/app/Program.cs");
        e.SourceLine.ShouldBe(42);
        e.Kind.ShouldBe(ProgramKind.SocketFilter);
    }

    [Fact]
    public void Without_source_text_the_lambda_is_rendered()
    {
        Expression<Func<SkBuff, long>> lambda = skb => skb.Len / skb.Mark;
        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(lambda, ProgramKind.Tc, LoweringOptions.Default));
        e.Lambda.ShouldBe("skb => (long)(skb.Len / skb.Mark)");
        e.Message.ShouldNotContain("source:");
    }

    [Fact]
    public void Bpf_Filter_hands_its_caller_information_to_diagnostics()
    {
        var filter = Bpf.Filter<SkBuff>(skb => skb.Tstamp > 0 ? Pass : Drop);
        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(filter.Lambda, filter.DefaultKind, filter.ToLoweringOptions()));
        e.Lambda.ShouldBe("skb => skb.Tstamp > 0 ? Pass : Drop");
        e.Message.ShouldEndWith($"source: BpfCompileExceptionTests.cs:{filter.SourceLine}");
    }

    [Fact]
    public void Every_code_is_distinct_documented_and_numbered_in_order()
    {
        var codes = typeof(DiagnosticCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        codes.ShouldBeUnique();
        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^BPF\d{4}$"));
        codes.Order().ShouldBe(Enumerable.Range(1, codes.Count).Select(i => $"BPF{i:D4}"));
    }

    [Fact]
    public void Paths_are_immutable_and_print_with_the_Expression_API_names()
    {
        var root = ExprPath.Root;
        var test = root.Child("Body").Child("Test");
        var arg = test.Element("Arguments", 1);
        root.ToString().ShouldBe("");
        test.ToString().ShouldBe("Body.Test");
        arg.ToString().ShouldBe("Body.Test.Arguments[1]");
        test.Append(root.Child("Left")).ToString().ShouldBe("Body.Test.Left");
        test.ShouldBe(root.Child("Body").Child("Test"));
        test.ToString().ShouldBe("Body.Test"); // unchanged by deriving children
    }
}
