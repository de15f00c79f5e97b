using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>The callee side of a <c>bpf_loop</c> loop (<see cref="LoopLowering"/> is the caller's): the callback <c>long f(u64 index, void *frame)</c>, lowered as a function of its own.</summary>
internal sealed partial class IrLowering
{
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
        _b.Source = _origin;
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
