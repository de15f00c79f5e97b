using System.Text;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// <c>docs/compile-order.md</c>: the printed <see cref="CompileOrder"/> and the constraints of
/// <see cref="PassOrder"/> with their reasons. The bench's <c>compile-order</c> command writes it,
/// and a test fails when the committed file differs, so the page cannot drift from the code.
/// </summary>
internal static class CompileOrderDocument
{
    /// <summary>The command that writes the page.</summary>
    public const string Command = "dotnet run --project bench/BpfLinq.Bench -- compile-order";

    /// <summary>The page's path, relative to the repository root.</summary>
    public static string RelativePath { get; } = Path.Combine("docs", "compile-order.md");

    /// <summary>The table as the generated block of <c>docs/ARCHITECTURE.md</c> shows it.</summary>
    public static string TableBlock() => "```text\n" + CompileOrder.Print() + "```\n";

    /// <summary>The page's text (lines end in <c>\n</c>).</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# The compile order\n\n");
        sb.Append("<!-- Written by `").Append(Command).Append("`; do not edit by hand (a test compares this file with what the command writes). -->\n\n");
        sb.Append("Every step of the compiler, in the order it runs. Each step has one name: dumps\n");
        sb.Append("(`CompileOptions.DumpAfter`, `*` for all), the `.ir` test folders\n");
        sb.Append("(`tests/BpfLinq.Compiler.Tests/Passes/<name>/`), the order constraints below and the bench's\n");
        sb.Append("`phases` timings use it. Every step runs in the same phase wrapper: a crash in it is an\n");
        sb.Append("`InternalCompilerError` naming the step. Why each step stands where it does is commented beside\n");
        sb.Append("it in `src/BpfLinq.Compiler/Compilation/CompileOrder.cs`.\n\n");
        sb.Append(TableBlock()).Append('\n');
        sb.Append("A `BpfFunction` compiled as a subprogram has its body normalised by the same steps, in the\n");
        sb.Append("same order, before it is lowered: ");
        sb.Append(string.Join(", ", CompileOrder.FunctionBody.Select(s => "`" + s.Name + "`")));
        sb.Append(" (`CompileOrder.FunctionBody`).\n\n");
        sb.Append("## Order constraints\n\n");
        sb.Append("`src/BpfLinq.Compiler/Passes/PassOrder.cs`; a test fails when the order breaks one.\n\n");
        sb.Append("| Before | After | Why |\n");
        sb.Append("|---|---|---|\n");
        foreach (var (before, after, reason) in PassOrder.Constraints)
        {
            sb.Append("| `").Append(before).Append("` | `").Append(after).Append("` | ").Append(reason).Append(" |\n");
        }
        return sb.ToString();
    }
}
