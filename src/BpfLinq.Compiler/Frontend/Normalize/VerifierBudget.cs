using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// An estimate of the instructions the kernel verifier walks for a tree, against its budget of one
/// million: it follows a bounded loop iteration by iteration, so a loop costs its count times its
/// body, and a <c>bpf_loop</c> callback costs its body about twice (the verifier walks a callback
/// until its state stops changing) wherever it is called. A node stands for about one instruction;
/// the loops <see cref="DesugarLoops"/> already expanded carry their own estimate.
/// </summary>
internal static class VerifierBudget
{
    /// <summary>The verifier's budget of processed instructions (BPF_COMPLEXITY_LIMIT_INSNS).</summary>
    public const double Instructions = 1_000_000;

    /// <summary>What <see cref="LoopStrategy.Auto"/> lets an inline or unrolled loop use, leaving room for the estimate's error and the rest of the program.</summary>
    public const double AutoShare = Instructions / 4;

    /// <summary>Per iteration, beyond the body: the compare and branch on the index, its increment, the jump back.</summary>
    public const double IterationOverhead = 4;

    private const double CallbackWalks = 2;

    /// <summary>The estimated instructions walked for <paramref name="node"/>.</summary>
    public static double Of(Expression node, IReadOnlyDictionary<Expression, double> expanded)
    {
        var total = 0.0;
        var work = new Stack<(Expression Node, double Times)>([(node, 1)]);
        while (work.Count > 0)
        {
            var (n, times) = work.Pop();
            if (expanded.TryGetValue(n, out var known))
            {
                total += times * known;
                continue;
            }
            if (n is MethodCallExpression call && DesugarLoops.IsLoop(call))
            {
                // Left a call: a bpf_loop callback, walked on its own whatever the count.
                total += times * 8;
                foreach (var argument in call.Arguments)
                {
                    work.Push((argument is LambdaExpression body ? body.Body : argument, times * (argument is LambdaExpression ? CallbackWalks : 1)));
                }
                continue;
            }
            if (n is not (ParameterExpression or ConstantExpression or DefaultExpression or LambdaExpression or LabelExpression))
            {
                total += times;
            }
            foreach (var (_, child) in ExpressionChildren.Of(n))
            {
                work.Push((child, times));
            }
        }
        return total;
    }
}
