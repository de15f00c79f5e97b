using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// The compile order as the driver runs it: every step in the same phase wrapper (a crash names the
/// step), a dump after any step, and the observer hearing every step of the table by its one name.
/// </summary>
public sealed class CompileOrderTests
{
    private static readonly Expression<Func<SkBuff, Verdict>> s_filter = skb => skb.Len < 64 ? Verdict.Drop : Verdict.Pass;

    private static readonly CompileOptions s_checked = new() { VerifyIrAfterEachPass = true, CheckAllocation = true };

    private static CompiledProgram Compile(CompileOptions options) =>
        BpfCompiler.Compile(s_filter, ProgramKind.SocketFilter, "skb => skb.Len < 64 ? Verdict.Drop : Verdict.Pass", null, 0, options);

    [Theory]
    [InlineData("desugar-loops", "filter")] // the front end
    [InlineData("lower", "filter")]
    [InlineData("cse", "filter")] // a pass inside the optimisation loop
    [InlineData("renumber", "filter")]
    [InlineData("allocate-registers", "filter")] // the back end
    [InlineData("build-btf", "filter")] // the program-wide steps
    public void A_crash_in_any_step_is_an_internal_compiler_error_naming_the_step(string step, string function)
    {
        var error = Should.Throw<InternalCompilerError>(() => Compile(s_checked with { Observer = new FailingStep(step) }));
        error.Phase.ShouldBe(step);
        error.FunctionName.ShouldBe(function);
        error.Message.ShouldContain($"after {step} in {function}: InvalidOperationException: injected failure");
        error.Dump.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_observer_hears_every_step_of_the_table_by_its_name()
    {
        var observer = new Recorder();
        Compile(s_checked with { Observer = observer });
        observer.Finished.Distinct().Order(StringComparer.Ordinal).ShouldBe(CompileOrder.StepNames().Order(StringComparer.Ordinal));
        observer.Started.Distinct().ShouldBe(CompileOrder.StepNames(), "first runs in the table's order");
    }

    [Fact]
    public void A_function_body_takes_the_front_ends_tree_steps_in_its_order()
    {
        var front = CompileOrder.FrontEnd.Select(s => s.Name).ToList();
        var body = CompileOrder.FunctionBody.Select(s => s.Name).ToList();
        body.ShouldBe(["fold-captured-constants", "expand-functions", "desugar-contains", "desugar-loops", "inline-invocations", "unshare-labels", "desugar-packets"]);
        body.Select(name => front.IndexOf(name)).ShouldBeInOrder(SortDirection.Ascending, "the same steps the program takes, in its order");
    }

    [Theory]
    [InlineData("fold-captured-constants", "skb => ")] // the tree, as C#
    [InlineData("cse", "func filter(v0: ctxptr) -> i64\n")] // the IR
    [InlineData("select-instructions", "mfunc filter\n")] // machine code (MachinePrinter)
    [InlineData("allocate-registers", "b0:\n")] // the allocation's decisions beside the machine code
    [InlineData("emit", "  exit")] // the emitted stream
    [InlineData("resolve-branches", "0:\t")] // the listing
    [InlineData("link", "0:\t")]
    public void DumpAfter_writes_the_state_after_any_step(string step, string expected)
    {
        var dumps = new List<string>();
        var plain = Compile(CompileOptions.Default);
        var dumped = Compile(CompileOptions.Default with { DumpAfter = step, Trace = dumps.Add });
        dumps.ShouldHaveSingleItem().ShouldStartWith($"> after {step}:\n");
        dumps[0].ShouldContain(expected);
        dumped.Instructions.ShouldBe(plain.Instructions, "dumping changes nothing");
    }

    [Fact]
    public void DumpAfter_star_dumps_after_every_step()
    {
        var dumps = new List<string>();
        Compile(CompileOptions.Default with { DumpAfter = "*", Trace = dumps.Add });
        dumps.Select(d => d.Split('\n')[0]).Distinct().ShouldBe(CompileOrder.StepNames().Select(n => $"> after {n}:"), ignoreOrder: true);
    }

    // Makes the named step fail as it starts, inside its phase wrapper.
    private sealed class FailingStep(string step) : ICompileObserver
    {
        public void Starting(string name)
        {
            if (name == step)
            {
                throw new InvalidOperationException("injected failure");
            }
        }

        public void Finished(string name, TimeSpan elapsed)
        {
        }
    }

    private sealed class Recorder : ICompileObserver
    {
        public List<string> Started { get; } = [];

        public List<string> Finished { get; } = [];

        void ICompileObserver.Starting(string step) => Started.Add(step);

        void ICompileObserver.Finished(string step, TimeSpan elapsed) => Finished.Add(step);
    }
}
