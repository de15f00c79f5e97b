using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// BpfLinq with every generated program's body moved into a <see cref="BpfFunction"/> subprogram
/// (<see cref="FunctionInlining.Never"/>) that the program calls with its context: the same
/// property then checks the calling convention, the callee's frame and the result's way back
/// through r0 (all 64 bits). A body the subprogram form cannot compile (packet views are not yet
/// supported there) is compiled as written, so refusals stay the plain compiler's.
/// </summary>
internal static class SubprogramCompiler
{
    /// <summary>The wrapping compiler under test.</summary>
    public static CompilerUnderTest UnderTest { get; } = new("BpfLinq (body as a subprogram)", Compile, BpfLinqCompiler.ReadError, BpfLinqCompiler.IsDocumentedCode);

    private static Insn[] Compile(LambdaExpression lambda, ProgramKind kind)
    {
        try
        {
            return BpfLinqCompiler.Compile(Wrap(lambda), kind);
        }
        catch (BpfCompileException)
        {
            return BpfLinqCompiler.Compile(lambda, kind);
        }
    }

    // ctx => body   becomes   ctx => sub.Invoke(ctx)   with   sub = new BpfFunction<TContext, TResult>(ctx => body, Never)
    private static LambdaExpression Wrap(LambdaExpression lambda)
    {
        var context = lambda.Parameters[0];
        var type = typeof(BpfFunction<,>).MakeGenericType(context.Type, lambda.ReturnType);
        var function = Activator.CreateInstance(type, lambda, FunctionInlining.Never, "body")!;
        var call = Expression.Call(Expression.Constant(function), type.GetMethod("Invoke")!, context);
        return Expression.Lambda(lambda.Type, call, context);
    }
}
