namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Ordering constraints between steps of the compile order, as data (Go's <c>passOrder</c> in
/// <c>compile.go</c>): each says that the step named <c>Before</c> must run earlier than the step
/// named <c>After</c> (names are exact: "early-simplify-cfg" is not "simplify-cfg"), and why. A test
/// checks <see cref="Compilation.CompileOrder"/> against the table, so a reordering that breaks an
/// assumption fails with the reason; <c>docs/compile-order.md</c> lists them.
/// </summary>
internal static class PassOrder
{
    /// <summary>The constraints.</summary>
    public static IReadOnlyList<(string Before, string After, string Reason)> Constraints { get; } =
    [
        ("fold-captured-constants", "expand-functions", "the BpfFunction objects a closure holds are constants of the tree only once folded"),
        ("expand-functions", "inline-invocations", "an expanded call is an invocation of the function's body, which inlining removes"),
        ("desugar-loops", "inline-invocations", "a desugared loop invokes its body per index, which inlining removes"),
        ("fold-captured-constants", "desugar-contains", "a captured array's values are read when it folds to a constant"),
        ("desugar-contains", "inline-invocations", "an expanded Contains invokes its comparisons with the value, which inlining binds once"),
        ("inline-invocations", "unshare-labels", "inlining copies bodies, and the labels they define, into each call site"),
        ("desugar-loops", "unshare-labels", "unrolling copies a body, and the labels it defines, once per index"),
        ("inline-invocations", "desugar-packets", "the packet API in inlined bodies must be in the tree to be rewritten"),
        ("desugar-packets", "lower", "lowering knows packet reads at anchors, not the packet API"),
        ("unify-exits", "early-simplify-cfg", "exit unification leaves jumps to the new exit for the CFG cleanup to merge"),
        ("unify-exits", "thread-jumps", "threading never adds a ret, so one exit made early stays one"),
        ("propagate-copies", "fold-constants", "a phi of one constant is only a constant to folding once it is replaced by it"),
        ("fold-constants", "fold-branches", "compares of constants become the constant conditions branch folding needs"),
        ("simplify-algebra", "cse", "canonical operand order and forms make equal expressions identical for value numbering"),
        ("fold-branches", "thread-jumps", "threading evaluates compares per predecessor; a branch already constant is cheaper to fold"),
        ("fold-branches", "simplify-cfg", "folded branches leave unreachable blocks and single-edge chains to clean up"),
        ("thread-jumps", "simplify-cfg", "threaded blocks lose predecessors and become unreachable or forwarding blocks"),
        ("cse", "dce", "value numbering leaves the replaced computations' operands unused"),
        ("unify-exits", "narrow-return", "with one ret, the returned value has one use and narrowing never duplicates its computation"),
        ("narrow-return", "dce", "narrowing leaves the wide computation of the returned value unused"),
        ("cse", "hoist-invariant-loads", "equal loads in a loop body are one value before they move to the preheader"),
        ("simplify-algebra", "dce", "rewrites leave the operands of the replaced instructions unused"),
        ("cse", "expand-packet-access", "equal packet reads are one before windows are planned, so none is checked twice"),
        ("thread-jumps", "expand-packet-access", "windows merge across chains of compare-and-branch blocks, which threading makes"),
        ("optimize", "order-blocks", "passes leave blocks in any order; the back end lays them out in list order"),
        ("order-blocks", "renumber", "ids are dense in the final block order, the order the back end lays out"),
        ("renumber", "select-instructions", "the back end's tables are indexed by dense value ids"),
        ("sink-tied", "allocate-registers", "sinking shortens the live ranges the allocator colours"),
        ("allocate-registers", "check-allocation", "the checker replays the allocator's decisions"),
        ("remove-redundant-moves", "resolve-branches", "offsets are fixed only once no instruction moves"),
        ("link", "build-btf", "func_info and line_info name the slots of the linked program"),
    ];

    /// <summary>The violated constraints of a pass order (names in the order they run), as messages; empty when all hold.</summary>
    public static IReadOnlyList<string> Check(IList<string> order)
    {
        var violations = new List<string>();
        foreach (var (before, after, reason) in Constraints)
        {
            var firstBefore = order.IndexOf(before);
            for (var k = 0; k < order.Count; k++)
            {
                if (order[k] == after && (firstBefore < 0 || firstBefore > k))
                {
                    violations.Add($"'{order[k]}' (position {k}) runs before any '{before}': {reason}");
                }
            }
        }
        return violations;
    }
}
