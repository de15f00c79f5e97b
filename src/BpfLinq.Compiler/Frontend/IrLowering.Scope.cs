using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The lowering as the features see it (<see cref="ILoweringScope"/>), and the features it hands
/// calls to: each gets this scope, and nothing else of the lowering.
/// </summary>
internal sealed partial class IrLowering : IFunctionScope
{
    private HelperLowering? _helpers;
    private PacketLowering? _packets;
    private MapLowering? _maps;
    private TableLowering? _tables;
    private LoopLowering? _loops;
    private FunctionLowering? _functions;

    /// <summary>Kernel helpers and kfuncs.</summary>
    internal HelperLowering Helpers => _helpers ??= new(this);

    /// <summary>Packet primitives.</summary>
    internal PacketLowering Packets => _packets ??= new(this);

    /// <summary>Map operations.</summary>
    internal MapLowering Maps => _maps ??= new(this);

    /// <summary>Lookup tables in the read-only data.</summary>
    internal TableLowering Tables => _tables ??= new(this);

    /// <summary>Loops compiled as <c>bpf_loop</c> callbacks.</summary>
    internal LoopLowering Loops => _loops ??= new(this);

    /// <summary>Calls of functions compiled as subprograms.</summary>
    internal FunctionLowering Functions => _functions ??= new(this);

    IrBuilder ILoweringScope.Builder => _b;

    Module ILoweringScope.Module => _module;

    ProgramKind ILoweringScope.Kind => _kind;

    Value ILoweringScope.Context => _ctx;

    Value? ILoweringScope.Lower(Expression node) => LowerValue(node);

    int IFunctionScope.CallbackDepth => _depth;

    ParameterExpression IFunctionScope.ContextParameter => _contextParameter;

    Value IFunctionScope.ReadVariable(ParameterExpression variable) => ReadVariable(variable);

    Value IFunctionScope.LowerBool(Expression condition) => MaterializeBool(condition);

    void IFunctionScope.InheritOrigin(Expression node, Expression from) => _context.Provenance.Inherit(node, from);

    IrType ILoweringScope.IrTypeOf(Expression node, Type type) => IrTypeOf(node, type);

    LambdaExpression IFunctionScope.NormaliseFunctionBody(MethodCallExpression call, BpfFunction function)
    {
        _context.Provenance.AddTree(function.Lambda, _context.OriginOf(call, _origin).Path.Child("Function"));
        var state = new FrontEndState(function.Lambda, _context, _context.Options) { Captured = function.Captured };
        StepRunner.RunAll(CompileOrder.FunctionBody, state, function.Name, StepHooks.None);
        return state.Lambda;
    }

    BpfCompileException ILoweringScope.Error(Expression node, CompileError error) => Error(node, error);

    IDisposable ILoweringScope.Enter(Expression node) => Enter(node);

    /// <summary>The address of a constant string in the program's read-only data.</summary>
    public Instr StringAddress(Expression node, string method)
    {
        if (node is not ConstantExpression { Value: string text })
        {
            throw Error(node, CompileErrors.HelperArgumentNotConstant("string", method));
        }
        if (!text.All(char.IsAscii) || text.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(node, CompileErrors.HelperArgumentOutOfRange("string", method, "ASCII without NUL characters"));
        }
        return ReadOnlyData(_module.Constants.AddString(text));
    }

    /// <summary>The address of <paramref name="offset"/> in the program's read-only data.</summary>
    public Instr ReadOnlyData(int offset) => _b.MapValueAddr(ConstantDataMapIndex, offset);

    public long ConstantInt(Expression node, string parameter, string method) =>
        node is ConstantExpression { Value: { } value } && ScalarLayout.Of(node.Type) is not null
            ? ConstantBits(value)
            : throw Error(node, CompileErrors.HelperArgumentNotConstant(parameter, method));

    /// <summary>The program's context passed to a helper: it must be the lambda's context parameter.</summary>
    public Value ContextArgument(Expression node) =>
        node == _contextParameter ? _ctx : throw Error(node, CompileErrors.ContextMisuse(_contextParameter));

    /// <summary>Branches on a lookup's result: <paramref name="whenFound"/> runs where the pointer is known non-null.</summary>
    public Value IfNotNull(Value pointer, IrType type, Func<Value> whenFound, Func<Value> whenMissing)
    {
        var (found, missing) = (NewBlock(), NewBlock());
        var join = new Join(NewBlock());
        _b.CondBr(_b.Cmp(Cond.Ne, pointer, _b.I64(0)), found, missing);
        SealAndStart(found);
        Arrive(join, whenFound());
        SealAndStart(missing);
        Arrive(join, whenMissing());
        return Complete(join, type)!;
    }
}
