using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Turns the loop intrinsics compiled inline (<see cref="LoopStrategy.Inline"/>, or
/// <see cref="LoopStrategy.Auto"/> with a constant count of at most <see cref="Bpf.MaxInlineIterations"/>)
/// into a bounded loop of the tree, the body invoked (and later inlined) per index; unrolled ones
/// (<see cref="LoopStrategy.Unroll"/>, or Auto up to <see cref="Bpf.MaxUnrolledIterations"/>) into the
/// body once per constant index. The others stay
/// calls, which lowering compiles to <c>bpf_loop</c> with a callback. The verifier walks an inline loop
/// iteration by iteration: an Auto loop whose iterations times body would use much of its budget
/// (<see cref="VerifierBudget"/>), or that reads the packet at a per-iteration offset through checked
/// pointers (a walk that grows faster than its iterations), stays a callback; an Inline or Unroll one
/// over the budget is a compile error.
/// <code>
/// before: Bpf.FirstIndex(16, i =&gt; p(i))
/// after:  { int i = 0; int r = -1; loop { if (i &gt;= 16) break; if (p(i)) { r = i; break; } i++; } r }
/// before: Bpf.Any(16, i =&gt; p(i))           after: Bpf.FirstIndex(16, i =&gt; p(i)) &gt;= 0, then as above
/// </code>
/// </summary>
internal sealed class DesugarLoops : ProvenanceVisitor
{
    // The verifier's walk estimated for each loop expanded so far, which loops around it count once per iteration.
    private readonly Dictionary<Expression, double> _estimates = new(ReferenceEqualityComparer.Instance);

    private DesugarLoops(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with inline loops expanded.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new DesugarLoops(context).Visit(lambda)!;

    /// <summary>True for a call of a loop intrinsic.</summary>
    public static bool IsLoop(MethodCallExpression node) =>
        node.Method.DeclaringType == typeof(Bpf) && node.Method.Name is nameof(Bpf.Any) or nameof(Bpf.FirstIndex) or nameof(Bpf.Fold);

    /// <summary>The strategy a loop call asks for (its last argument, a constant after folding).</summary>
    public static LoopStrategy StrategyOf(MethodCallExpression node, DiagnosticContext context) =>
        node.Arguments[^1] is ConstantExpression { Value: LoopStrategy s }
            ? s
            : throw context.Error(node.Arguments[^1], CompileErrors.HelperArgumentNotConstant("strategy", "a loop"));

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if (!IsLoop(visited) || !IsInline(visited))
        {
            return visited;
        }
        var count = (int)((ConstantExpression)visited.Arguments[0]).Value!;
        var estimate = WalkEstimate(visited, count);
        if (StrategyOf(visited, Context) == LoopStrategy.Auto && (estimate > VerifierBudget.AutoShare || ReadsPacketPerIteration(visited, count)))
        {
            return visited; // too much for the verifier to walk iteration by iteration: a bpf_loop callback
        }
        if (estimate > VerifierBudget.Instructions)
        {
            throw Context.Error(node, CompileErrors.LoopOverBudget(visited.Method.Name, count, StrategyOf(visited, Context), estimate));
        }
        Expression expanded = IsUnrolled(visited, count)
            ? visited.Method.Name switch
            {
                nameof(Bpf.Any) => UnrolledAny(count, visited.Arguments[1]),
                nameof(Bpf.FirstIndex) => UnrolledFirstIndex(count, visited.Arguments[1]),
                _ => UnrolledFold(count, visited.Arguments[1], visited.Arguments[2]),
            }
            : visited.Method.Name switch
            {
                nameof(Bpf.Any) => Expression.GreaterThanOrEqual(FirstIndex(count, visited.Arguments[1]), Expression.Constant(0)),
                nameof(Bpf.FirstIndex) => FirstIndex(count, visited.Arguments[1]),
                _ => Fold(count, visited.Arguments[1], visited.Arguments[2]),
            };
        _estimates[expanded] = estimate;
        return expanded;
    }

    // What the verifier walks for the loop inline: every iteration's body (the body is the argument before the strategy).
    private double WalkEstimate(MethodCallExpression loop, int count)
    {
        var body = loop.Arguments[^2] is LambdaExpression lambda ? lambda.Body : loop.Arguments[^2];
        return count * (VerifierBudget.Of(body, _estimates) + VerifierBudget.IterationOverhead);
    }

    // A body that reads the packet at an offset that changes per iteration, through pointers checked
    // against data_end, splits the verifier's walk at every read (in bounds or not) with states it
    // cannot prune: measured, 128 iterations of a 6-byte StartsWith walk ~270,000 instructions and 96
    // of a byte sum over a million. Unrolled loops read at constant offsets; kinds that read through
    // bpf_skb_load_bytes walk linearly. The others are a callback, verified once.
    private bool ReadsPacketPerIteration(MethodCallExpression loop, int count) =>
        count > Bpf.MaxUnrolledIterations
        && ProgramKindTable.Of(Context.Kind).PacketAccess != PacketAccess.Helper
        && ReadsPacketAtComputedOffset(loop.Arguments[^2]);

    private static bool ReadsPacketAtComputedOffset(Expression body) => NodeFinder.Any(body, n => n switch
    {
        MethodCallExpression { Object.Type: var type, Arguments: var args } when type == typeof(Packet) => args.Any(a => a is not ConstantExpression),
        MethodCallExpression call when ExpandFunctions.CalledFunction(call) is { } function => ReadsPacketAtComputedOffset(function.Lambda.Body),
        ConstantExpression { Value: LambdaExpression captured } => ReadsPacketAtComputedOffset(captured.Body),
        _ => false,
    });

    private bool IsInline(MethodCallExpression node)
    {
        var strategy = StrategyOf(node, Context);
        var constant = node.Arguments[0] is ConstantExpression { Value: int n } ? n : (int?)null;
        return strategy switch
        {
            LoopStrategy.Inline or LoopStrategy.Unroll when constant is null =>
                throw Context.Error(node.Arguments[0], CompileErrors.HelperArgumentNotConstant("count", $"a loop compiled with LoopStrategy.{strategy}")),
            LoopStrategy.Unroll when constant > Bpf.MaxUnrolledIterations =>
                throw Context.Error(node.Arguments[0], CompileErrors.HelperArgumentOutOfRange("count", "an unrolled loop", $"at most {Bpf.MaxUnrolledIterations}")),
            LoopStrategy.Inline or LoopStrategy.Unroll => true,
            LoopStrategy.Auto => constant is { } c && c <= Bpf.MaxInlineIterations,
            _ => false,
        };
    }

    private bool IsUnrolled(MethodCallExpression node, int count) => StrategyOf(node, Context) switch
    {
        LoopStrategy.Unroll => true,
        LoopStrategy.Auto => count <= Bpf.MaxUnrolledIterations,
        _ => false,
    };

    // p(0) || p(1) || ...
    private static Expression UnrolledAny(int count, Expression predicate)
    {
        Expression result = Expression.Constant(false);
        for (var i = count - 1; i >= 0; i--)
        {
            var test = Expression.Invoke(predicate, Expression.Constant(i));
            result = i == count - 1 ? test : Expression.OrElse(test, result);
        }
        return result;
    }

    // p(0) ? 0 : p(1) ? 1 : ... : -1
    private static Expression UnrolledFirstIndex(int count, Expression predicate)
    {
        Expression result = Expression.Constant(-1);
        for (var i = count - 1; i >= 0; i--)
        {
            result = Expression.Condition(Expression.Invoke(predicate, Expression.Constant(i)), Expression.Constant(i), result);
        }
        return result;
    }

    // { acc = seed; acc = step(0, acc); ...; acc }
    private static BlockExpression UnrolledFold(int count, Expression seed, Expression step)
    {
        var acc = Expression.Variable(seed.Type, "acc");
        var body = new List<Expression> { Expression.Assign(acc, seed) };
        for (var i = 0; i < count; i++)
        {
            body.Add(Expression.Assign(acc, Expression.Invoke(step, Expression.Constant(i), acc)));
        }
        body.Add(acc);
        return Expression.Block([acc], body);
    }

    private static BlockExpression FirstIndex(int count, Expression predicate)
    {
        var i = Expression.Variable(typeof(int), "i");
        var result = Expression.Variable(typeof(int), "index");
        var done = Expression.Label("done");
        var loop = Expression.Loop(Expression.Block(
            Expression.IfThen(Expression.GreaterThanOrEqual(i, Expression.Constant(count)), Expression.Break(done)),
            Expression.IfThen(Expression.Invoke(predicate, i), Expression.Block(Expression.Assign(result, i), Expression.Break(done))),
            Expression.PreIncrementAssign(i)), done);
        return Expression.Block([i, result], Expression.Assign(i, Expression.Constant(0)), Expression.Assign(result, Expression.Constant(-1)), loop, result);
    }

    private static BlockExpression Fold(int count, Expression seed, Expression step)
    {
        var i = Expression.Variable(typeof(int), "i");
        var acc = Expression.Variable(seed.Type, "acc");
        var done = Expression.Label("done");
        var loop = Expression.Loop(Expression.Block(
            Expression.IfThen(Expression.GreaterThanOrEqual(i, Expression.Constant(count)), Expression.Break(done)),
            Expression.Assign(acc, Expression.Invoke(step, i, acc)),
            Expression.PreIncrementAssign(i)), done);
        return Expression.Block([i, acc], Expression.Assign(i, Expression.Constant(0)), Expression.Assign(acc, seed), loop, acc);
    }
}
