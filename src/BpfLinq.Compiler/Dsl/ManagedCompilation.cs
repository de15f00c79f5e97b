using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq;

/// <summary>
/// The delegate <c>Evaluate</c> runs. The CLR's expression compiler miscompiles some trees whose
/// operands hold statements: the differential tests found
/// <c>~0U &lt; switch ({ loop; 0U } / 1U) { case 0xFFFFFFFF: 0; default: 0x514FED5B } ? Drop : Pass</c>
/// returning Drop, as if the comparison were signed (its stack spilling is at fault; the CLR's own
/// interpreter answers Pass, as C# does). C# lambdas cannot hold statements, so they keep the fast
/// compiled delegate; hand-built trees with blocks, loops, gotos, labels, switches or assignments
/// run in the interpreter. So do trees of more than <see cref="LargeTree"/> nodes: the JIT takes
/// minutes over the one method a right-nested chain of 50,000 becomes (96 s for <c>a + (b + ...)</c>),
/// the interpreter a fraction of a second.
/// </summary>
internal static class ManagedCompilation
{
    /// <summary>Trees larger than this run in the interpreter.</summary>
    public const int LargeTree = 5_000;

    /// <summary>Compiles <paramref name="lambda"/>, interpreted when it holds statement nodes or is large.</summary>
    public static TDelegate Compile<TDelegate>(Expression<TDelegate> lambda) =>
        DeepStack.Run(lambda, () => lambda.Compile(preferInterpretation: Interpret(lambda)));

    /// <summary>Compiles an untyped <paramref name="lambda"/> the same way.</summary>
    public static Delegate Compile(LambdaExpression lambda) =>
        DeepStack.Run(lambda, () => lambda.Compile(preferInterpretation: Interpret(lambda)));

    private static bool Interpret(LambdaExpression lambda) =>
        ExpressionSize.Count(lambda, LargeTree) > LargeTree || HasStatements(lambda);

    // Statements compile to what the CLR's compiler and interpreter disagree on (block scoping): interpret them.
    private static bool HasStatements(Expression e) => BpfLinq.Compiler.Frontend.NodeFinder.Any(e, node =>
        node.NodeType is ExpressionType.Block or ExpressionType.Loop or ExpressionType.Goto or ExpressionType.Label
            or ExpressionType.Switch or ExpressionType.Try || node is BinaryExpression { NodeType: ExpressionType.Assign } || IsCompoundAssignment(node));

    private static bool IsCompoundAssignment(Expression node) => node.NodeType is ExpressionType.AddAssign or ExpressionType.SubtractAssign
        or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign or ExpressionType.ModuloAssign or ExpressionType.AndAssign
        or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign
        or ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign or ExpressionType.PostIncrementAssign
        or ExpressionType.PostDecrementAssign or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssignChecked
        or ExpressionType.MultiplyAssignChecked;
}
