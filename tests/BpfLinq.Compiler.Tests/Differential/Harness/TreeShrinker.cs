using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// Proposes smaller versions of a failing program, largest cuts first, for FsCheck to try: each
/// scalar or verdict node (root first) replaced by a constant (0, or Pass/Drop) or by one of its
/// nearest descendants of the same type; statements dropped from blocks, then unused variables; switch cases dropped; nested lambdas inlined;
/// constants simplified to 0 and 1. A node shared by several parents (a guarded divisor) is replaced
/// everywhere at once, so guards keep guarding.
///
/// Loops stay finite: a loop counter's assignments and the comparisons that read it (the loop tests)
/// are never touched, nor is any node holding them unless it holds the whole loop (the block that
/// declares the counter). Candidates that would leave a variable unbound, an assignment without a
/// variable, or a variable read before any assignment that used to precede it are not proposed.
/// </summary>
internal static class TreeShrinker
{
    private const int DescendantsPerNode = 4;

    /// <summary>Smaller programs than <paramref name="program"/>, most promising first.</summary>
    public static IEnumerable<GeneratedProgram> Shrink(GeneratedProgram program) =>
        Candidates(program.Lambda).Where(IsClosed).Select(lambda => program with { Lambda = lambda });

    /// <summary>Smaller lambdas than <paramref name="root"/>.</summary>
    public static IEnumerable<LambdaExpression> Candidates(LambdaExpression root)
    {
        var nodes = Replaceable(root.Body).ToList();
        foreach (var node in nodes)
        {
            foreach (var leaf in Leaves(node))
            {
                yield return Replace(root, node, leaf);
            }
            foreach (var descendant in SameTypedDescendants(node).Take(DescendantsPerNode))
            {
                yield return Replace(root, node, descendant);
            }
        }
        foreach (var block in Nodes.All(root.Body).OfType<BlockExpression>().Distinct())
        {
            for (var i = 0; i < block.Expressions.Count - 1; i++)
            {
                if (CanDrop(block, i))
                {
                    yield return Replace(root, block, Expression.Block(block.Type, block.Variables, block.Expressions.Where((_, k) => k != i)));
                }
            }
        }
        foreach (var block in Nodes.All(root.Body).OfType<BlockExpression>().Distinct())
        {
            var unused = block.Variables.Where(v => !block.Expressions.SelectMany(Nodes.All).Contains(v)).ToList();
            if (unused.Count > 0)
            {
                yield return Replace(root, block, Expression.Block(block.Type, block.Variables.Except(unused), block.Expressions));
            }
        }
        foreach (var switchNode in Nodes.All(root.Body).OfType<SwitchExpression>().Where(s => s.Cases.Count > 1).Distinct())
        {
            for (var i = 0; i < switchNode.Cases.Count; i++)
            {
                yield return Replace(root, switchNode, switchNode.Update(switchNode.SwitchValue, switchNode.Cases.Where((_, k) => k != i), switchNode.DefaultBody));
            }
        }
        foreach (var invocation in Nodes.All(root.Body).OfType<InvocationExpression>().Where(i => i.Expression is LambdaExpression).Distinct())
        {
            var lambda = (LambdaExpression)invocation.Expression;
            var inlined = new Substitution(lambda.Parameters.Zip(invocation.Arguments).ToDictionary(p => (Expression)p.First, p => p.Second)).Visit(lambda.Body)!;
            yield return Replace(root, invocation, inlined);
        }
        foreach (var constant in nodes.OfType<ConstantExpression>())
        {
            // Only towards zero: 0 never grows back to 1, or shrinking would cycle between them.
            var type = ScalarType.Of(constant.Type);
            var zero = type.Value(0);
            var one = type.Value(1);
            var simplerValues = constant.Value!.Equals(zero) ? [] : constant.Value.Equals(one) ? [zero] : new[] { zero, one };
            foreach (var simpler in simplerValues)
            {
                yield return Replace(root, constant, Expression.Constant(simpler, constant.Type));
            }
        }
    }

    // Scalar and verdict nodes that may be replaced, in pre-order, each shared node once.
    private static IEnumerable<Expression> Replaceable(Expression body)
    {
        var seen = new HashSet<Expression>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Expression>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (IsLoopControl(node) || !seen.Add(node))
            {
                continue;
            }
            if ((ScalarType.IsScalar(node.Type) || node.Type == typeof(Verdict)) && !IsAssignmentTarget(body, node) && OwnsItsLoops(node))
            {
                yield return node;
            }
            foreach (var (segment, child) in ExpressionPath.Children(node).Reverse())
            {
                if (!segment.Contains("TestValues", StringComparison.Ordinal))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static IEnumerable<Expression> Leaves(Expression node)
    {
        if (node.Type == typeof(Verdict))
        {
            return node is MemberExpression ? [] : [ExpressionTreeBuilder.VerdictNamed(nameof(Verdict.Pass)), ExpressionTreeBuilder.VerdictNamed(nameof(Verdict.Drop))];
        }
        return node is ConstantExpression ? [] : [Expression.Constant(ScalarType.Of(node.Type).Value(0), node.Type)];
    }

    private static IEnumerable<Expression> SameTypedDescendants(Expression node)
    {
        var queue = new Queue<Expression>(ExpressionPath.Children(node).Select(c => c.Child));
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (next.Type == node.Type && !IsLoopControl(next) && OwnsItsLoops(next))
            {
                yield return next;
            }
            foreach (var (_, child) in ExpressionPath.Children(next))
            {
                queue.Enqueue(child);
            }
        }
    }

    // A statement may go unless it is the block's value, controls a loop, is a loop, label or goto
    // (whose removal would unbalance the control flow), or assigns a variable a later statement reads.
    private static bool CanDrop(BlockExpression block, int index)
    {
        var statement = block.Expressions[index];
        if (IsLoopControl(statement) || statement is LoopExpression or LabelExpression or GotoExpression || (statement.Type == typeof(void) && statement is not BlockExpression))
        {
            return false;
        }
        var assigned = AssignedVariable(statement);
        return assigned is null || !block.Expressions.Skip(index + 1).SelectMany(Nodes.All).Contains(assigned);
    }

    private static ParameterExpression? AssignedVariable(Expression statement) => statement switch
    {
        BinaryExpression { Left: ParameterExpression p } b when IsAssignment(b.NodeType) => p,
        UnaryExpression { Operand: ParameterExpression p } u when IsAssignment(u.NodeType) => p,
        _ => null,
    };

    // The counter's assignments and the tests that read it (loop<n> < bound).
    private static bool IsLoopControl(Expression node) => node switch
    {
        BinaryExpression b when IsAssignment(b.NodeType) => IsCounter(b.Left),
        UnaryExpression u when IsAssignment(u.NodeType) => IsCounter(u.Operand),
        BinaryExpression { NodeType: ExpressionType.LessThan } b => IsCounter(b.Left),
        _ => false,
    };

    // True when every loop control inside `node` belongs to a loop whose counter `node` declares.
    private static bool OwnsItsLoops(Expression node)
    {
        var all = Nodes.All(node);
        var controlled = all.Where(IsLoopControl).Select(ControlledCounter).ToHashSet();
        controlled.ExceptWith(all.OfType<BlockExpression>().SelectMany(b => b.Variables));
        return controlled.Count == 0;
    }

    private static Expression ControlledCounter(Expression control) => control switch
    {
        BinaryExpression b => b.Left,
        UnaryExpression u => u.Operand,
        _ => control,
    };

    private static bool IsCounter(Expression e) =>
        e is ParameterExpression { Name: { } name } && name.StartsWith(ExpressionTreeBuilder.LoopCounterPrefix, StringComparison.Ordinal);

    private static bool IsAssignmentTarget(Expression body, Expression node) =>
        node is ParameterExpression && Nodes.All(body).Any(n => AssignedVariable(n) == node);

    private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
        or ExpressionType.MultiplyAssign or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign
        or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign or ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign
        or ExpressionType.PreDecrementAssign or ExpressionType.PostDecrementAssign;

    private static LambdaExpression Replace(LambdaExpression root, Expression target, Expression replacement) =>
        (LambdaExpression)new Substitution(new Dictionary<Expression, Expression> { [target] = replacement }).Visit(root)!;

    /// <summary>True when every parameter of <paramref name="lambda"/> is bound by an enclosing lambda or block.</summary>
    public static bool IsClosed(LambdaExpression lambda) => new ScopeChecker().Closed(lambda);

    private sealed class Substitution(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        private readonly Dictionary<Expression, Expression> _replacements = new(replacements, ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Expression, Expression> _rebuilt = new(ReferenceEqualityComparer.Instance);

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }
            if (_replacements.TryGetValue(node, out var replacement) || _rebuilt.TryGetValue(node, out replacement))
            {
                return replacement;
            }
            var result = base.Visit(node)!;
            _rebuilt[node] = result;
            return result;
        }

        // Declarations stay: only uses of a parameter or variable are replaced.
        protected override Expression VisitBlock(BlockExpression node) => node.Update(node.Variables, node.Expressions.Select(e => Visit(e)!));

        protected override Expression VisitLambda<T>(Expression<T> node) => node.Update(Visit(node.Body)!, node.Parameters);
    }

    private sealed class ScopeChecker : ExpressionVisitor
    {
        private readonly List<ParameterExpression> _bound = [];
        private bool _closed = true;

        public bool Closed(LambdaExpression lambda)
        {
            Visit(lambda);
            return _closed;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _bound.AddRange(node.Parameters);
            Visit(node.Body);
            _bound.RemoveRange(_bound.Count - node.Parameters.Count, node.Parameters.Count);
            return node;
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            _bound.AddRange(node.Variables);
            Visit(node.Expressions);
            _bound.RemoveRange(_bound.Count - node.Variables.Count, node.Variables.Count);
            return node;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _closed &= _bound.Contains(node);
            return node;
        }
    }
}
