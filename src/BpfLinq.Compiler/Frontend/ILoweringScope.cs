using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// What a feature's lowering (helpers, packets, ...) may use of the lowering it serves: the builder
/// positioned where the call is lowered, the module, the program kind, the lowering of sub-expressions
/// and the diagnostics. <see cref="IrLowering"/> implements it; features see nothing else of it.
/// </summary>
internal interface ILoweringScope
{
    /// <summary>The builder, positioned at the current block with the current source.</summary>
    IrBuilder Builder { get; }

    /// <summary>The module the function belongs to (maps, kfuncs, read-only data).</summary>
    Module Module { get; }

    /// <summary>The kind of program being compiled.</summary>
    ProgramKind Kind { get; }

    /// <summary>The context pointer of the function being lowered.</summary>
    Value Context { get; }

    /// <summary>Lowers a sub-expression for its value (null for one without a value).</summary>
    Value? Lower(Expression node);

    /// <summary>The error to throw for <paramref name="node"/>.</summary>
    BpfCompileException Error(Expression node, CompileError error);

    /// <summary>Makes <paramref name="node"/> the current origin until the result is disposed.</summary>
    IDisposable Enter(Expression node);

    /// <summary>The value of a helper argument that must be an integer constant.</summary>
    long ConstantInt(Expression node, string parameter, string method);

    /// <summary>The program's context passed to a helper: it must be the lambda's context parameter.</summary>
    Value ContextArgument(Expression node);

    /// <summary><paramref name="whenFound"/>'s value when <paramref name="pointer"/> is not null, else <paramref name="whenMissing"/>'s.</summary>
    Value IfNotNull(Value pointer, IrType type, Func<Value> whenFound, Func<Value> whenMissing);

    /// <summary>The address of a constant string in the program's read-only data.</summary>
    Instr StringAddress(Expression node, string method);

    /// <summary>The address of <paramref name="offset"/> in the program's read-only data.</summary>
    Instr ReadOnlyData(int offset);

    /// <summary>The IR type a value of <paramref name="type"/> lives in.</summary>
    IrType IrTypeOf(Expression node, Type type);
}

/// <summary>
/// What the features that make functions (<see cref="LoopLowering"/>, <see cref="FunctionLowering"/>)
/// also use: the enclosing lambda's variables and context parameter, and the start of another
/// function's body. The other features do not see these.
/// </summary>
internal interface IFunctionScope : ILoweringScope
{
    /// <summary>How many callbacks deep the function being lowered is (0 for the program itself).</summary>
    int CallbackDepth { get; }

    /// <summary>The lambda parameter that is the program's context.</summary>
    ParameterExpression ContextParameter { get; }

    /// <summary>The current value of a variable of the enclosing lambda.</summary>
    Value ReadVariable(ParameterExpression variable);

    /// <summary>A condition lowered as a value: 1 or 0.</summary>
    Value LowerBool(Expression condition);

    /// <summary>Gives <paramref name="node"/>, made by lowering, the origin of <paramref name="from"/>.</summary>
    void InheritOrigin(Expression node, Expression from);

    /// <summary>A lowering for the body of <paramref name="function"/>, another function of the module, written in its entry block.</summary>
    IFunctionBody StartFunctionBody(LambdaExpression lambda, Function function, ParameterExpression contextParameter);

    /// <summary>
    /// <paramref name="function"/>'s lambda normalised by the compile order's steps for a function body,
    /// with its own captured values; its nodes get paths under <paramref name="call"/> (so line_info and messages quote them).
    /// </summary>
    LambdaExpression NormaliseFunctionBody(MethodCallExpression call, BpfFunction function);
}
