using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The lowering of another function's body (<see cref="IFunctionBody"/>): a lowering of its own —
/// its own IR function, SSA state and labels — sharing the diagnostics, kind and module of the
/// program, one callback level deeper.
/// </summary>
internal sealed partial class IrLowering : IFunctionBody
{
    IFunctionBody IFunctionScope.StartFunctionBody(LambdaExpression lambda, Function function, ParameterExpression contextParameter)
    {
        var body = new IrLowering(this, lambda, function, contextParameter);
        var entry = function.AddBlock();
        body._ssa.SealBlock(entry);
        body._b.Current = entry;
        body._b.Source = body._origin;
        return body;
    }

    IrBuilder IFunctionBody.Builder => _b;

    IDisposable IFunctionBody.Enter(Expression node) => Enter(node);

    void IFunctionBody.UseContext(Param context)
    {
        _ctx = context;
        _function.Context = context;
    }

    void IFunctionBody.UseContextFromFrame(Param frame, int offset)
    {
        _ctx = _b.Load(IrType.CtxPtr, frame, offset, 8);
        _function.Context = null;
        _function.ContextInFrame = (frame, offset);
    }

    IrType IFunctionBody.Declare(ParameterExpression variable) => _ssa.TypeOf(Declare(variable));

    void IFunctionBody.Bind(ParameterExpression variable, Value value) => _ssa.WriteVariable(Declare(variable), _function.Entry, value);

    Value IFunctionBody.Read(ParameterExpression variable) => ReadVariable(variable);

    Value IFunctionBody.Lower(Expression node) => LowerValue(node)!;

    Value IFunctionBody.Choose(Expression condition, IrType type, Func<Value> whenTrue, Func<Value> whenFalse)
    {
        var (yes, no) = (NewBlock(), NewBlock());
        var join = new Join(NewBlock());
        LowerBranch(condition, yes, no);
        SealAndStart(yes);
        Arrive(join, whenTrue());
        SealAndStart(no);
        Arrive(join, whenFalse());
        return Complete(join, type)!;
    }

    Value IFunctionBody.Widened(Value value, Type type) => ToReturnValue(value, type);

    void IFunctionBody.Return(Value value)
    {
        _b.Ret(value);
        _labels.SealAll(_ssa);
        UnreachableCode.RemoveAndFoldPhis(_function);
    }
}
