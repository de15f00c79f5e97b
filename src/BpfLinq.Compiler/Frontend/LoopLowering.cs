using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend.Normalize;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Loop intrinsics compiled as <c>bpf_loop</c> callbacks (the inline ones were expanded by
/// <see cref="DesugarLoops"/>). Closure conversion: the caller writes what the body reads from the
/// enclosing lambda (the context pointer, variables) into one stack frame, 8 bytes per variable,
/// then the result's slot (the index found, or the accumulator); the callback
/// <c>long f(u64 index, void *frame)</c> reads them from the frame it receives and writes the
/// result there; the caller reads it back after <c>bpf_loop(count, &amp;f, frame, 0)</c>.
/// <code>
/// Bpf.FirstIndex(n, i =&gt; p(skb, i))  =&gt;  frame = { skb, -1 }; bpf_loop(n, &amp;f, &amp;frame, 0); frame[1]
///   f(index, frame): p(frame[0], index) ? (frame[1] = index, return 1) : return 0
/// </code>
/// A feature of <see cref="IrLowering"/>, reached through <see cref="IFunctionScope"/>.
/// </summary>
internal sealed class LoopLowering(IFunctionScope scope)
{
    private const int MaxNesting = 8;

    private readonly IrBuilder _b = scope.Builder;

    /// <summary><c>Bpf.Any</c> is <c>FirstIndex &gt;= 0</c>, through the same callback.</summary>
    public Value LowerAnyLoop(MethodCallExpression node)
    {
        var first = Expression.Call(typeof(Bpf).GetMethod(nameof(Bpf.FirstIndex))!, node.Arguments);
        scope.InheritOrigin(first, node);
        return scope.LowerBool(Expression.GreaterThanOrEqual(first, Expression.Constant(0)));
    }

    /// <summary><c>Bpf.FirstIndex</c>, or <c>Bpf.Fold</c> when <paramref name="isFold"/>: one <c>bpf_loop</c> over a callback.</summary>
    public Value LowerLoopCall(MethodCallExpression node, bool isFold)
    {
        if (scope.CallbackDepth >= MaxNesting)
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse($"loop callbacks nest at most {MaxNesting} deep"));
        }
        var body = node.Arguments[isFold ? 2 : 1] as LambdaExpression
            ?? throw scope.Error(node, CompileErrors.FunctionMisuse("the body of a loop compiled as a bpf_loop callback must be a lambda written in place (i => ...)"));
        var captured = FreeVariables.Of(body).ToList();
        if (!captured.Contains(scope.ContextParameter) && ReadsPackets(body))
        {
            captured.Insert(0, scope.ContextParameter); // packet reads need the context's data pointers
        }
        var assigned = AssignedVariables.In(body.Body);
        if (captured.FirstOrDefault(assigned.Contains) is { } written)
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse(
                $"a loop callback cannot assign '{written.Name}' of the enclosing lambda (it runs as a separate function); carry the value with Bpf.Fold"));
        }
        var resultType = isFold ? scope.IrTypeOf(node, node.Type) : IrType.I32;
        var resultOffset = captured.Count * 8;
        var frame = _b.StackSlot(resultOffset + 8);
        for (var k = 0; k < captured.Count; k++)
        {
            var value = captured[k] == scope.ContextParameter ? scope.Context : scope.ReadVariable(captured[k]);
            _b.Store(frame, k * 8, value.Type == IrType.I32 ? 4 : 8, value);
        }
        var seed = isFold ? scope.Lower(node.Arguments[1])! : _b.I32(-1);
        _b.Store(frame, resultOffset, resultType == IrType.I32 ? 4 : 8, seed);
        var count = scope.Lower(node.Arguments[0])!;
        var function = LowerCallback(body, captured, isFold, resultType, resultOffset);
        _b.Call((long)Helper.Loop, IrType.I64, _b.Unary(Op.ZExt, IrType.I64, count), _b.FuncAddr(function), frame, _b.I64(0));
        return _b.Load(resultType, frame, resultOffset, resultType == IrType.I32 ? 4 : 8);
    }

    // The callee: `long f(u64 index, void *frame)`, reading what it captured from the frame and
    // leaving its result there; its body is lowered as a program's is.
    private int LowerCallback(LambdaExpression lambda, List<ParameterExpression> captured, bool isFold, IrType resultType, int resultOffset)
    {
        var function = new Function($"{_b.Function.Name}_loop{scope.Module.Functions.Count}", IrType.I64) { ReturnsToKernel = false };
        var index = function.AddParam(IrType.I64);
        var frame = function.AddParam(IrType.StackPtr);
        var body = scope.StartFunctionBody(lambda, function, scope.ContextParameter);
        var functionIndex = scope.Module.AddFunction(function);
        var b = body.Builder;
        using (body.Enter(lambda))
        {
            for (var k = 0; k < captured.Count; k++)
            {
                if (captured[k] == scope.ContextParameter)
                {
                    body.UseContextFromFrame(frame, k * 8);
                    continue;
                }
                var type = body.Declare(captured[k]);
                body.Bind(captured[k], b.Load(type, frame, k * 8, type == IrType.I32 ? 4 : 8));
            }
            body.Bind(lambda.Parameters[0], b.Unary(Op.Trunc, IrType.I32, index));
            var size = resultType == IrType.I32 ? 4 : 8;
            if (isFold)
            {
                body.Bind(lambda.Parameters[1], b.Load(resultType, frame, resultOffset, size));
                b.Store(frame, resultOffset, size, body.Lower(lambda.Body));
                body.Return(b.I64(0));
            }
            else
            {
                var stop = body.Choose(lambda.Body, IrType.I64,
                    () =>
                    {
                        b.Store(frame, resultOffset, 4, body.Read(lambda.Parameters[0]));
                        return b.I64(1); // 1 stops bpf_loop
                    },
                    () => b.I64(0));
                body.Return(stop);
            }
        }
        return functionIndex;
    }

    private static bool ReadsPackets(LambdaExpression body) =>
        NodeFinder.Any(body.Body, n => n is MethodCallExpression { Method.DeclaringType: var t } && t == typeof(PacketPrimitives));
}
