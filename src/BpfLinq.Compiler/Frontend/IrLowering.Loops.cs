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
/// </summary>
internal sealed partial class IrLowering
{
    private const int MaxNesting = 8;

    /// <summary><c>Bpf.Any</c> is <c>FirstIndex &gt;= 0</c>, through the same callback.</summary>
    internal Value LowerAnyLoop(MethodCallExpression node)
    {
        var first = Expression.Call(typeof(Bpf).GetMethod(nameof(Bpf.FirstIndex))!, node.Arguments);
        _context.Provenance.Inherit(first, node);
        return MaterializeBool(Expression.GreaterThanOrEqual(first, Expression.Constant(0)));
    }

    /// <summary><c>Bpf.FirstIndex</c>, or <c>Bpf.Fold</c> when <paramref name="isFold"/>: one <c>bpf_loop</c> over a callback.</summary>
    internal Value LowerLoopCall(MethodCallExpression node, bool isFold)
    {
        if (_depth >= MaxNesting)
        {
            throw Error(node, CompileErrors.FunctionMisuse($"loop callbacks nest at most {MaxNesting} deep"));
        }
        var body = node.Arguments[isFold ? 2 : 1] as LambdaExpression
            ?? throw Error(node, CompileErrors.FunctionMisuse("the body of a loop compiled as a bpf_loop callback must be a lambda written in place (i => ...)"));
        var captured = FreeVariables.Of(body).ToList();
        if (!captured.Contains(_contextParameter) && ReadsPackets(body))
        {
            captured.Insert(0, _contextParameter); // packet reads need the context's data pointers
        }
        var assigned = AssignedVariables.In(body.Body);
        if (captured.FirstOrDefault(assigned.Contains) is { } written)
        {
            throw Error(node, CompileErrors.FunctionMisuse(
                $"a loop callback cannot assign '{written.Name}' of the enclosing lambda (it runs as a separate function); carry the value with Bpf.Fold"));
        }
        var resultType = isFold ? IrTypeOf(node, node.Type) : IrType.I32;
        var resultOffset = captured.Count * 8;
        var frame = _b.StackSlot(resultOffset + 8);
        for (var k = 0; k < captured.Count; k++)
        {
            var value = captured[k] == _contextParameter ? _ctx : ReadVariable(captured[k]);
            _b.Store(frame, k * 8, value.Type == IrType.I32 ? 4 : 8, value);
        }
        var seed = isFold ? LowerValue(node.Arguments[1])! : _b.I32(-1);
        _b.Store(frame, resultOffset, resultType == IrType.I32 ? 4 : 8, seed);
        var count = LowerValue(node.Arguments[0])!;
        var function = LowerCallback(body, captured, isFold, resultType, resultOffset);
        _b.Call((long)Helper.Loop, IrType.I64, _b.Unary(Op.ZExt, IrType.I64, count), _b.FuncAddr(function), frame, _b.I64(0));
        return _b.Load(resultType, frame, resultOffset, resultType == IrType.I32 ? 4 : 8);
    }

    private static bool ReadsPackets(LambdaExpression body)
    {
        var work = new Stack<Expression>([body.Body]);
        while (work.Count > 0)
        {
            var node = work.Pop();
            if (node is MethodCallExpression { Method.DeclaringType: var t } && t == typeof(PacketPrimitives))
            {
                return true;
            }
            foreach (var (_, child) in ExpressionChildren.Of(node))
            {
                work.Push(child);
            }
        }
        return false;
    }

    private int LowerCallback(LambdaExpression body, IReadOnlyList<ParameterExpression> captured, bool isFold, IrType resultType, int resultOffset)
    {
        var function = new Function($"{_function.Name}_loop{_module.Functions.Count}", IrType.I64) { ReturnsToKernel = false };
        var index = function.AddParam(IrType.I64);
        var frame = function.AddParam(IrType.StackPtr);
        var inner = new IrLowering(this, body, function, _contextParameter);
        var functionIndex = _module.AddFunction(function);
        inner.LowerCallbackBody(body, captured, index, frame, isFold, resultType, resultOffset);
        return functionIndex;
    }

    private void LowerCallbackBody(LambdaExpression body, IReadOnlyList<ParameterExpression> captured, Value index, Value frame, bool isFold, IrType resultType, int resultOffset)
    {
        var entry = _function.AddBlock();
        _ssa.SealBlock(entry);
        _b.Current = entry;
        _b.Source = _context.SourceOf(_origin);
        using (Enter(body))
        {
            for (var k = 0; k < captured.Count; k++)
            {
                if (captured[k] == _contextParameter)
                {
                    _ctx = _b.Load(IrType.CtxPtr, frame, k * 8, 8);
                    _function.Context = null;
                    _function.ContextInFrame = ((Param)frame, k * 8);
                    continue;
                }
                Declare(captured[k]);
                var type = _ssa.TypeOf(captured[k]);
                _ssa.WriteVariable(captured[k], entry, _b.Load(type, frame, k * 8, type == IrType.I32 ? 4 : 8));
            }
            Declare(body.Parameters[0]);
            _ssa.WriteVariable(body.Parameters[0], entry, _b.Unary(Op.Trunc, IrType.I32, index));
            var size = resultType == IrType.I32 ? 4 : 8;
            if (isFold)
            {
                Declare(body.Parameters[1]);
                _ssa.WriteVariable(body.Parameters[1], entry, _b.Load(resultType, frame, resultOffset, size));
                _b.Store(frame, resultOffset, size, LowerValue(body.Body)!);
                _b.Ret(_b.I64(0));
            }
            else
            {
                var (found, next) = (NewBlock(), NewBlock());
                var join = new Join(NewBlock());
                LowerBranch(body.Body, found, next);
                SealAndStart(found);
                _b.Store(frame, resultOffset, 4, ReadVariable(body.Parameters[0]));
                Arrive(join, _b.I64(1)); // 1 stops bpf_loop
                SealAndStart(next);
                Arrive(join, _b.I64(0));
                _b.Ret(Complete(join, IrType.I64)!);
            }
        }
        _labels.SealAll(_ssa);
        UnreachableCode.RemoveAndFoldPhis(_function);
    }
}
