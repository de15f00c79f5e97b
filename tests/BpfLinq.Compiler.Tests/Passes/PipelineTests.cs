using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Passes;

public sealed class PipelineTests
{
    private const string Filter = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0
          v2 = add.i32 v1, 0
          v3 = cmp.ult.i32 v2, 6
          condbr v3, b1, b2
        b1: <- b0
          ret 0xffffffff
        b2: <- b0
          ret 0
        """;

    [Fact]
    public void The_compile_order_meets_every_constraint()
    {
        PassOrder.Check(CompileOrder.StepNames().ToList()).ShouldBeEmpty();
    }

    [Fact]
    public void Every_constraint_names_steps_of_the_compile_order()
    {
        var names = CompileOrder.StepNames().ToList();
        foreach (var (before, after, reason) in PassOrder.Constraints)
        {
            names.ShouldContain(before);
            names.ShouldContain(after);
            reason.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Step_names_are_unique_so_dumps_and_constraints_name_one_step()
    {
        CompileOrder.StepNames().GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void A_reordering_that_breaks_a_constraint_is_reported_with_its_reason()
    {
        var violations = PassOrder.Check(["thread-jumps", "fold-branches", "simplify-cfg"]);
        violations.ShouldContain("'thread-jumps' (position 0) runs before any 'fold-branches': " +
            PassOrder.Constraints.Single(c => c is ("fold-branches", "thread-jumps", _)).Reason);
        PassOrder.Check(["early-simplify-cfg", "unify-exits"]).ShouldContain(v => v.StartsWith("'early-simplify-cfg' (position 0) runs before any 'unify-exits'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_printed_pipeline_lists_every_pass_in_order()
    {
        var lines = CompileOrder.Passes.ToString().TrimEnd('\n').Split('\n');
        lines.Select(l => l.Trim().Split(" (")[0]).ShouldBe(CompileOrder.Passes.Flatten().Select(p => p.Name));
        lines.ShouldContain("optimize (until stable, at most 8 rounds)");
        lines.ShouldContain("  cse");
    }

    [Fact]
    public void The_output_keeps_the_backend_contract()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomIr.Count(400)), Prop.ForAll(RandomIr.Cases(40), c =>
        {
            var f = c.Build();
            PassCatalog.Run(PassCatalog.WholePipeline, f);
            var text = IrPrinter.Print(f);
            f.Blocks.Count(b => b.Terminator!.Op == Op.Ret).ShouldBe(1, $"one exit\n{c}\n{text}");
            f.Blocks.ShouldBe(DepthFirstOrder.ReversePostOrder(f), $"blocks in reverse post-order, none unreachable\n{text}");
            foreach (var cmp in f.AllInstrs().Where(i => i.Op == Op.Cmp))
            {
                // Each compare feeds exactly the branch of its own block, so the backend fuses them.
                var users = f.AllInstrs().Where(i => i.Operands.Contains(cmp)).ToList();
                users.ShouldHaveSingleItem($"{cmp} has one user\n{text}");
                users[0].ShouldBeSameAs(cmp.Block!.Terminator, $"{cmp} feeds its block's branch\n{text}");
            }
            f.AllInstrs().Where(i => i.Op == Op.Phi).ShouldAllBe(phi => TrivialPhi.SoleValue(phi) == null, text);
        }));
    }

    [Fact]
    public void The_pipeline_reaches_a_fixed_point_and_is_deterministic()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomIr.Count(300)), Prop.ForAll(RandomIr.Cases(40), c =>
        {
            var first = c.Build();
            var trace = new List<string>();
            PassCatalog.Run(PassCatalog.WholePipeline, first, trace.Add, traceRewrites: true);
            trace.ShouldContain(l => l.StartsWith("optimize: stable after", StringComparison.Ordinal), string.Join("\n", trace.Where(l => l.StartsWith("optimize", StringComparison.Ordinal))));
            var text = IrPrinter.Print(first);

            var second = c.Build();
            PassCatalog.Run(PassCatalog.WholePipeline, second);
            IrPrinter.Print(second).ShouldBe(text, "same input, same output");

            PassCatalog.Run(PassCatalog.WholePipeline, first).Changes.ShouldBe(0, $"a second run changes nothing\n{text}");
        }));
    }

    [Fact]
    public void Dumps_go_to_the_trace_after_the_named_passes_and_do_not_change_the_result()
    {
        var all = new List<string>();
        var some = new List<string>();
        var plain = IrParser.Parse(Filter);
        var dumpedAll = IrParser.Parse(Filter);
        var dumpedSome = IrParser.Parse(Filter);
        CompileOrder.Passes.Run(plain, new PassContext(ProgramKind.SocketFilter));
        CompileOrder.Passes.Run(dumpedAll, new PassContext(ProgramKind.SocketFilter) { DumpAfter = PassContext.ParseDumpAfter("*"), Trace = all.Add });
        CompileOrder.Passes.Run(dumpedSome, new PassContext(ProgramKind.SocketFilter) { DumpAfter = PassContext.ParseDumpAfter("cse, unify-exits"), Trace = some.Add });

        IrPrinter.Print(dumpedAll).ShouldBe(IrPrinter.Print(plain));
        IrPrinter.Print(dumpedSome).ShouldBe(IrPrinter.Print(plain));
        all[0].ShouldStartWith("> after unify-exits:\nfunc filter(v0: ctxptr) -> i64\n");
        all.Select(d => d.Split(':')[0]).Distinct().Order().ShouldBe(CompileOrder.Passes.Flatten().Select(p => "> after " + p.Name).Distinct().Order());
        all[^1].ShouldBe("> after optimize:\n" + IrPrinter.Print(plain));
        some.Select(d => d.Split('\n')[0]).Distinct().ShouldBe(["> after unify-exits:", "> after cse:"]);
    }

    [Fact]
    public void A_pass_that_breaks_the_ir_is_named_in_an_internal_compiler_error()
    {
        var pipeline = new Pipeline([new ConstantFolding(), new BreakingPass(), new DeadCodeElimination()]);
        var f = IrParser.Parse(Filter);
        var error = Should.Throw<InternalCompilerError>(() => pipeline.Run(f, new PassContext(ProgramKind.SocketFilter) { VerifyIrAfterEachPass = true }));
        error.Phase.ShouldBe("break ssa");
        error.FunctionName.ShouldBe("filter");
        error.Message.ShouldContain("that does not dominate the use");

        // Without verification the broken function goes through unnoticed: the option is what checks.
        Should.NotThrow(() => pipeline.Run(IrParser.Parse(Filter), new PassContext(ProgramKind.SocketFilter)));
    }

    [Fact]
    public void A_malformed_input_is_reported_before_any_pass_runs()
    {
        var f = IrParser.Parse(Filter);
        f.Blocks[1].RemoveTerminator();
        Should.Throw<InternalCompilerError>(() => CompileOrder.Passes.Run(f, new PassContext(ProgramKind.SocketFilter) { VerifyIrAfterEachPass = true }))
            .Phase.ShouldBe("the pipeline's input");
    }

    [Fact]
    public void A_loop_runs_no_pass_again_on_a_function_it_left_unchanged()
    {
        // `changes` changes the function in its first run only. Round 1 runs all three; round 2, which
        // confirms the fixed point, runs `quiet` (something changed since its run) and `changes` (its
        // run changed something), not `after`: nothing changed since it last ran and changed nothing.
        var runs = new List<string>();
        var loop = new FixedPointLoop("loop", maxRounds: 8,
            [new CountingPass("quiet", runs, 0), new CountingPass("changes", runs, 1), new CountingPass("after", runs, 0)]);

        loop.Run(IrParser.Parse(Filter), new PassContext(ProgramKind.SocketFilter));

        runs.ShouldBe(["quiet", "changes", "after", "quiet", "changes"]);
    }

    // Records each run; notes a change in its first `changing` runs.
    private sealed class CountingPass(string name, List<string> runs, int changing) : IPass
    {
        private int _runs;

        public string Name => name;

        public void Run(Function f, PassContext c)
        {
            runs.Add(name);
            if (_runs++ < changing)
            {
                c.NoteChange();
            }
        }
    }

    // Moves the first block's first instruction after its use.
    private sealed class BreakingPass : IPass
    {
        public string Name => "break ssa";

        public void Run(Function f, PassContext c)
        {
            var b = f.Entry;
            var first = b.Instrs[0];
            b.Remove(first);
            b.Append(first);
        }
    }
}
