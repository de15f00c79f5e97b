using BpfLinq.Compiler.Graphs;
using System.Text;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Frontend.Normalize;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// The whole compiler in order, one named step per line (Go's pass table, ILSpy's transform list):
/// the front end on the expression tree, then per function the pass pipeline on the IR and the back
/// end on machine code, then the program-wide steps. Each step's name is the only one it has:
/// dumps (<see cref="CompileOptions.DumpAfter"/>), the <c>.ir</c> test folders, the constraints of
/// <see cref="PassOrder"/> and the bench's phase timings use it. Every step runs inside
/// <see cref="StepRunner"/>'s phase wrapper. <see cref="Print"/> writes the table; the bench's
/// <c>compile-order</c> command writes it to <c>docs/compile-order.md</c>.
/// </summary>
internal static class CompileOrder
{
    /// <summary>The front end: the lambda is checked, normalised step by step, then lowered to an IR module.</summary>
    public static IReadOnlyList<CompileStep<FrontEndState>> FrontEnd { get; } =
    [
        // First: every later step assumes one context parameter of the kind's type and a returnable result.
        FrontEndStep("check-signature", s => IrLowering.CheckSignature(s.Lambda, s.Context)),
        // Before anything looks at values: captured configuration becomes constants, so the steps
        // after see the function objects, loop counts and lambdas the closure held.
        FrontEndStep("fold-captured-constants", s => s.Lambda = FoldCapturedConstants.Apply(s.Lambda, s.Context, s.Captured)),
        // Needs the folded BpfFunction constants; leaves invocations for inline-invocations.
        Tree("expand-functions", ExpandFunctions.Apply),
        // After the captured arrays are constants; before desugar-loops (whose estimate then sees the
        // comparisons) and inline-invocations (which binds the value the comparisons share).
        Tree("desugar-contains", DesugarContains.Apply),
        // After functions are expanded, so loops in inlined bodies are desugared too; the bodies it
        // invokes per index are inlined next.
        Tree("desugar-loops", DesugarLoops.Apply),
        // After the steps that make invocations (expand-functions, desugar-loops).
        Tree("inline-invocations", InlineInvocations.Apply),
        // After inlining and unrolling, which copy subtrees that define labels.
        Tree("unshare-labels", UnshareLabels.Apply),
        // Last on the tree: the packet API anywhere in the final tree (inlined bodies included)
        // becomes reads at anchors, which lowering knows.
        Tree("desugar-packets", DesugarPackets.Apply),
        // The tree becomes SSA IR: the main function, the functions it calls, its maps and data.
        FrontEndStep("lower", s => s.Module = IrLowering.LowerNormalised(s.Lambda, s.Context, s.Options)),
    ];

    /// <summary>
    /// The tree steps a <c>BpfFunction</c>'s body takes before it is lowered as a subprogram: the
    /// front end's, in its order, from fold-captured-constants to desugar-packets. Not check-signature
    /// (lowering checks a function's parameters and result itself); desugar-packets reads the packet
    /// through the function's context parameter, wherever it stands (<see cref="FunctionPackets"/>).
    /// </summary>
    public static IReadOnlyList<CompileStep<FrontEndState>> FunctionBody { get; } =
        [.. FrontEnd.Where(s => s.Name is not ("check-signature" or "lower")).Select(s => s.Name == "desugar-packets" ? Tree(s.Name, FunctionPackets.Apply) : s)];

    /// <summary>The pass pipeline, run on each function of the module.</summary>
    public static Pipeline Passes { get; } = new(
    [
        // First: later passes then see one exit, and none of them creates another.
        new ExitUnification(),
        // The front end leaves empty join blocks and blocks after returns; drop them before the
        // costlier passes walk them.
        new CfgSimplification("early-simplify-cfg"),
        // The packet expansion finishes the loop: it wants equal reads made one and tests in
        // branch form, and leaves checks and loads for another round of cleanup.
        Optimize("optimize", new PacketExpansion()),
    ]);

    private static FixedPointLoop Optimize(string name, IPass finisher) => new(name, maxRounds: 8,
    [
        // Phis that merge one value hide constants from folding.
        new CopyPropagation(),
        // After copies: a phi of one constant is that constant now.
        new ConstantFolding(),
        // After folding: what is left has an unknown operand; identities and canonical forms.
        new AlgebraicSimplification(),
        // After algebra: sext of a non-negative value is already zext there; what is left costs.
        new ReturnNarrowing(),
        // After algebra: constants on the right and canonical forms make equal expressions identical.
        new CommonSubexpressions(),
        // After CSE, so a load read twice in the body moves once.
        new LoopInvariantLoads(),
        // After folding: constant compares are now constant branch conditions.
        new BranchFolding(),
        // After branch folding, so only branches that still decide something are threaded.
        new JumpThreading(),
        // After the rewrites above, which leave the operands of what they replaced unused.
        new DeadCodeElimination(),
        // Last in the round: collects what branch folding, threading and DCE left behind
        // (unreachable blocks, forwarding blocks, trivial phis) for the next round.
        new CfgSimplification(),
    ], finisher);

    /// <summary>Between the pipeline and the back end, on each function's IR.</summary>
    public static IReadOnlyList<CompileStep<Function>> Handover { get; } =
    [
        // The back end lays blocks out in list order and expects reverse post-order (passes may
        // have left blocks anywhere).
        new("order-blocks", f => f.ReorderBlocks(DepthFirstOrder.ReversePostOrderThenRest(f)), IrPrinter.Print),
        // Dense ids for the back end's tables; its error messages name values by them, as the IR
        // text does (the printer numbers in block order, which is now final).
        new("renumber", f => f.Renumber(), IrPrinter.Print),
    ];

    /// <summary>The back end, on each function: IR to eBPF instructions.</summary>
    public static IReadOnlyList<CompileStep<BackEndState>> BackEnd { get; } =
    [
        // IR to machine code over virtual registers, block parameters for phis.
        new("select-instructions", s => s.Machine = InstructionSelection.Select(s.Function), PrintMachine),
        // Before allocation: `dst op= src` sinks below src's other readers, so src can die there.
        new("sink-tied", s => TiedSinking.Apply(s.Machine), PrintMachine),
        // Registers, slots, spill code and edge moves, as decisions on the machine code.
        new("allocate-registers", s => s.Allocation = RegisterAllocator.Allocate(s.Machine), s => s.PrintAllocated()),
        // Right after allocation, before anything is laid out from its decisions.
        new("check-allocation", CheckAllocation, s => s.PrintAllocated(), note: "when CheckAllocation"),
        // Slots become r10 offsets; the stack size is known from here on.
        new("lay-out-frame", s => s.Frame = FrameLayout.Create(s.Machine, s.Allocation.SlotCount, s.Function.Name, s.Options.Program), s => s.PrintAllocated()),
        // Allocated code to instructions, laid out, jumps still naming labels.
        new("emit", s => (s.Items, s.Labels) = Emitter.Emit(s.Machine, s.Allocation, s.Frame), PrintItems),
        // On the laid-out stream, where every path to an instruction is known.
        new("remove-redundant-moves", s => (s.Items, s.Labels) = RedundantMoves.Remove(s.Items, s.Labels), PrintItems),
        // Last: labels become offsets once no instruction moves any more; far jumps become gotol.
        new("resolve-branches", ResolveBranches, s => s.Code.Disassemble()),
    ];

    /// <summary>The program-wide steps after every function has its code.</summary>
    public static IReadOnlyList<CompileStep<LinkState>> Linking { get; } =
    [
        // First: every frame's size is known, and a chain the kernel would refuse is the user's error.
        new("check-call-stack", s => s.CheckCallStack(), s => string.Join("\n", s.Codes.Select(c => c.Disassemble()))),
        // The functions placed one after another, calls pointed at where their callees start.
        new("link", s => (s.Instructions, s.Sources, s.Starts, s.Relocations, s.HasLoops) = ProgramLinker.Link(s.Codes), s => s.PrintProgram()),
        // Needs the final slots: func_info names where each function starts, line_info each expression's first slot.
        new("build-btf", s => (s.Btf, s.FuncInfo, s.LineInfo) = ProgramBtf.Build(s.Module, s.Starts, s.Sources, s.SourceFile, s.SourceLine), s => s.PrintBtf()),
    ];

    /// <summary>Every step's name in the order one compilation meets it first (a loop's passes after the loop).</summary>
    public static IEnumerable<string> StepNames() =>
        FrontEnd.Select(s => s.Name)
            .Concat(Passes.Flatten().Select(p => p.Name))
            .Concat(Handover.Select(s => s.Name))
            .Concat(BackEnd.Select(s => s.Name))
            .Concat(Linking.Select(s => s.Name));

    /// <summary>The table: one step per line, the per-function steps and a loop's passes indented.</summary>
    public static string Print()
    {
        var sb = new StringBuilder();
        Write(sb, FrontEnd, 0);
        sb.Append("for each function:\n");
        sb.Append(Passes.Print(depth: 1));
        Write(sb, Handover, 1);
        Write(sb, BackEnd, 1);
        Write(sb, Linking, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, IEnumerable<ICompileStep> steps, int depth)
    {
        foreach (var step in steps)
        {
            sb.Append(' ', depth * 2).Append(step.Name);
            if (step.Note is { } note)
            {
                sb.Append(" (").Append(note).Append(')');
            }
            sb.Append('\n');
        }
    }

    private static CompileStep<FrontEndState> Tree(string name, Func<System.Linq.Expressions.LambdaExpression, DiagnosticContext, System.Linq.Expressions.LambdaExpression> rewrite) =>
        FrontEndStep(name, s => s.Lambda = rewrite(s.Lambda, s.Context));

    private static CompileStep<FrontEndState> FrontEndStep(string name, Action<FrontEndState> run) => new(name, run, s => s.Print());

    private static string PrintMachine(BackEndState s) => MachinePrinter.Print(s.Machine);

    private static string PrintItems(BackEndState s) => AsmItemPrinter.Print(s.Items, s.Labels);

    private static void CheckAllocation(BackEndState s)
    {
        if (!s.Options.CheckAllocation)
        {
            return;
        }
        var errors = AllocationChecker.Check(s.Machine, s.Allocation);
        if (errors.Count > 0)
        {
            throw new InternalCompilerError("check-allocation", s.Function.Name,
                "the allocation checker refutes the allocation: " + string.Join("; ", errors), s.PrintAllocated());
        }
    }

    private static void ResolveBranches(BackEndState s)
    {
        s.Code = new MachineCode(BranchResolver.Resolve(s.Items, s.Labels), s.Machine, s.Allocation, s.Frame.StackSize);
    }
}
