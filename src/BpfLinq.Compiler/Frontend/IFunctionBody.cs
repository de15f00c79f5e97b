using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The body of another function of the module — a subprogram's, a <c>bpf_loop</c> callback's — as
/// the feature that makes it (<see cref="FunctionLowering"/>, <see cref="LoopLowering"/>) sees its
/// lowering: the entry block to write the prologue in, the lambda's variables to bind, and the
/// lowering of the body, which is the same as a program's. Made by
/// <see cref="IFunctionScope.StartFunctionBody"/>.
/// </summary>
internal interface IFunctionBody
{
    /// <summary>The builder, positioned at the entry block.</summary>
    IrBuilder Builder { get; }

    /// <summary>Makes <paramref name="node"/> the current origin until the result is disposed.</summary>
    IDisposable Enter(Expression node);

    /// <summary>The context pointer arrives as <paramref name="context"/>, a parameter of the function.</summary>
    void UseContext(Param context);

    /// <summary>The context pointer is read from <paramref name="frame"/> at <paramref name="offset"/> (a callback's frame).</summary>
    void UseContextFromFrame(Param frame, int offset);

    /// <summary>The IR type <paramref name="variable"/> lives in, declaring it in the body.</summary>
    IrType Declare(ParameterExpression variable);

    /// <summary>Gives <paramref name="variable"/> its value on entry (declaring it first if needed).</summary>
    void Bind(ParameterExpression variable, Value value);

    /// <summary>The value of <paramref name="variable"/> where the builder is.</summary>
    Value Read(ParameterExpression variable);

    /// <summary>Lowers <paramref name="node"/> for its value.</summary>
    Value Lower(Expression node);

    /// <summary><paramref name="whenTrue"/>'s value where <paramref name="condition"/> holds, else <paramref name="whenFalse"/>'s.</summary>
    Value Choose(Expression condition, IrType type, Func<Value> whenTrue, Func<Value> whenFalse);

    /// <summary>The i64 a C# value of <paramref name="type"/> returns as (a verdict is one; integers widen by their signedness).</summary>
    Value Widened(Value value, Type type);

    /// <summary>Returns <paramref name="value"/>: the body is complete (its labels resolved, unreachable code removed).</summary>
    void Return(Value value);
}
