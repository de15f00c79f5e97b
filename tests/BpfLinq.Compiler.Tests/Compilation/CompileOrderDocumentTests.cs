using BpfLinq.Compiler.Compilation;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary><c>docs/compile-order.md</c> is what the command writes from the code, so it cannot drift.</summary>
public sealed class CompileOrderDocumentTests
{
    [Fact]
    public void The_committed_page_is_what_the_command_writes()
    {
        var path = Path.Combine(RepositoryPaths.Root, CompileOrderDocument.RelativePath);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        committed.ShouldBe(CompileOrderDocument.Markdown(),
            $"{CompileOrderDocument.RelativePath} is stale: regenerate it with `{CompileOrderDocument.Command}` and commit the result");
    }

    [Fact]
    public void The_architecture_page_shows_the_table_the_code_runs()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ARCHITECTURE.md")).ReplaceLineEndings("\n");
        page.ShouldContain("<!-- generated: compile-order -->\n" + CompileOrderDocument.TableBlock() + "<!-- end generated: compile-order -->",
            customMessage: $"docs/ARCHITECTURE.md's compile order is stale: regenerate it with `{CompileOrderDocument.Command}` and commit the result");
    }
}
