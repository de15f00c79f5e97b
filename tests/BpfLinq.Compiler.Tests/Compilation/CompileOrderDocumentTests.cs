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
}
