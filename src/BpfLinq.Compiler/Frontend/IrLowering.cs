using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The front end: turns a program lambda into a verified SSA <see cref="Function"/>, or throws
/// <see cref="BpfCompileException"/> for what cannot be compiled.
///
/// First the tree is normalised (captured values folded, invocations inlined; see
/// <c>Normalize/</c> and the order in <see cref="CompileOrder.FrontEnd"/>), keeping each node's <see cref="Origin"/>. Then one recursive walk emits IR
/// straight into SSA form (<see cref="SsaBuilder"/>). Every node is lowered in one of two ways,
/// the idea of System.Linq.Expressions' <c>LambdaCompiler.Logical</c>: <em>for value</em>, giving the
/// IR value it computes (<see cref="LowerValue"/>), or, for a bool in a condition, <em>for branch</em>,
/// jumping to one of two blocks (<see cref="LowerBranch"/>), so <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>,
/// <c>!</c> and comparisons in conditions become compare-and-branch chains and never materialised
/// bools. Only a bool used as a value (assigned, compared with a bool, returned) becomes 0 or 1.
/// C# types map to IR types as <see cref="ScalarLayout"/> says, with narrow values kept canonical;
/// a <see cref="Verdict"/> is the i64 the program kind returns for it. The walk is split by node
/// category into the partial files next to this one. Every instruction carries the
/// <see cref="SourceRef"/> of the node it was made for: the user's C# text and its path.
/// The function has one parameter (the context, a ctxptr), returns i64, and has a single ret.
/// </summary>
internal sealed partial class IrLowering
{
    private readonly DiagnosticContext _context;
    private readonly ProgramKind _kind;
    private readonly Function _function;
    private readonly IrBuilder _b;
    private readonly SsaBuilder _ssa;
    private readonly GuardFacts _facts;
    private readonly ParameterExpression _contextParameter;
    private Value _ctx;
    private readonly Module _module;
    private readonly LabelTable _labels;
    private Origin _origin;
    private readonly int _depth;

    // MapValueAddr instructions name the read-only data by this index until the module knows its map.
    private const int ConstantDataMapIndex = -1;

    private IrLowering(LambdaExpression lambda, DiagnosticContext context, string name, Module module)
    {
        _context = context;
        _kind = context.Kind;
        _module = module;
        _function = new Function(name, IrType.I64);
        _ctx = _function.AddParam(IrType.CtxPtr);
        _function.Context = _ctx;
        _b = new IrBuilder(_function);
        _ssa = new SsaBuilder(_function);
        _contextParameter = lambda.Parameters[0];
        _origin = context.OriginOf(lambda, context.RootOrigin);
        _labels = new LabelTable(lambda, _function);
        _facts = GuardFacts.For(lambda);
    }

    // A function of the same program (a loop callback, a BpfFunction): same diagnostics, kind,
    // module and context parameter; its own IR function, SSA state and labels.
    private IrLowering(IrLowering outer, LambdaExpression lambda, Function function, ParameterExpression contextParameter)
    {
        _context = outer._context;
        _kind = outer._kind;
        _module = outer._module;
        _function = function;
        _ctx = null!; // set by the caller when the function can reach the context
        _b = new IrBuilder(_function);
        _ssa = new SsaBuilder(_function);
        _contextParameter = contextParameter;
        _origin = outer._origin;
        _labels = new LabelTable(lambda, _function);
        _facts = GuardFacts.For(lambda);
        _depth = outer._depth + 1;
    }

    /// <summary>
    /// Lowers a program lambda for a program kind to IR (verified unless <see cref="LoweringOptions.VerifyIr"/> is off).
    /// </summary>
    /// <exception cref="BpfCompileException">The lambda uses something that cannot be compiled for <paramref name="kind"/>.</exception>
    public static Function Lower(LambdaExpression lambda, ProgramKind kind, LoweringOptions options) =>
        LowerModule(lambda, kind, options).Main;

    /// <summary>
    /// Lowers a program lambda for a program kind to an IR module: the main function and the functions
    /// it calls, with the maps, kfuncs and read-only data they use. Runs the front end's steps of
    /// <see cref="CompileOrder.FrontEnd"/>, each in the phase wrapper, with <paramref name="hooks"/>.
    /// </summary>
    /// <exception cref="BpfCompileException">The lambda uses something that cannot be compiled for <paramref name="kind"/>.</exception>
    public static Module LowerModule(LambdaExpression lambda, ProgramKind kind, LoweringOptions options, IStepHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        ArgumentNullException.ThrowIfNull(options);
        var state = new FrontEndState(lambda, new DiagnosticContext(lambda, kind, options), options);
        StepRunner.RunAll(CompileOrder.FrontEnd, state, options.Name, hooks ?? StepHooks.None);
        return state.Module!;
    }

    /// <summary>The <c>lower</c> step: the normalised lambda becomes a module (verified unless <see cref="LoweringOptions.VerifyIr"/> is off).</summary>
    public static Module LowerNormalised(LambdaExpression normalised, DiagnosticContext context, LoweringOptions options)
    {
        var module = new Module();
        var lowering = new IrLowering(normalised, context, options.Name, module);
        module.AddFunction(lowering._function); // the entry is function 0: callbacks lowered on the way come after it
        lowering.LowerProgram(normalised);
        if (module.PacketWriter is { } writer && module.Functions.SelectMany(f => f.AllInstrs()).Any(i => i.Op is Op.PacketLoad or Op.PacketHas or Op.VlanSkip))
        {
            throw context.Error(writer, CompileErrors.PacketWriteWithViews());
        }
        PlaceConstantData(module);
        if (options.VerifyIr)
        {
            foreach (var function in module.Functions)
            {
                IrVerifier.VerifyOrThrow(function, "lower");
            }
        }
        return module;
    }

    // The read-only data becomes a map once all of it is known (its size is the map's value size).
    private static void PlaceConstantData(Module module)
    {
        if (module.Constants.IsEmpty)
        {
            return;
        }
        var index = module.MapIndex(module.Constants.ToMap());
        foreach (var instr in module.Functions.SelectMany(f => f.AllInstrs()).Where(i => i.Op == Op.MapValueAddr && i.Imm == ConstantDataMapIndex))
        {
            instr.Imm = index;
        }
    }

    /// <summary>The <c>check-signature</c> step: one context parameter of the kind's type, a returnable result.</summary>
    public static void CheckSignature(LambdaExpression lambda, DiagnosticContext context)
    {
        if (lambda.Parameters.Count != 1 || !IsReturnable(lambda.ReturnType))
        {
            throw context.Error(lambda, CompileErrors.UnsupportedSignature(lambda));
        }
        var contextType = lambda.Parameters[0].Type;
        if (!ContextTypes.Accepts(context.Kind, contextType))
        {
            throw context.Error(lambda, CompileErrors.ContextKindMismatch(contextType, context.Kind));
        }
    }

    private static bool IsReturnable(Type type) => type == typeof(Verdict) || ScalarLayout.Of(type) is not null;

    private Function LowerProgram(LambdaExpression lambda)
    {
        var entry = _function.AddBlock();
        _ssa.SealBlock(entry);
        _b.Current = entry;
        _b.Source = _origin;
        var body = LowerValue(lambda.Body)!;
        using (Enter(lambda.Body))
        {
            _b.Ret(ToReturnValue(body, lambda.Body.Type));
        }
        if (_labels.SealAll(_ssa) is [var missing, ..])
        {
            throw Error(missing, CompileErrors.LabelNotInTree());
        }
        UnreachableCode.RemoveAndFoldPhis(_function);
        if (!_function.AllInstrs().Any(i => i.Op == Op.Ret))
        {
            throw Error(lambda.Body, CompileErrors.NoReturn());
        }
        return _function;
    }

    // The i64 the program returns: a verdict already is one; C# integers widen by their signedness, as (long) does.
    private Value ToReturnValue(Value value, Type type)
    {
        if (type == typeof(Verdict) || value.Type == IrType.I64)
        {
            return value;
        }
        return _b.Unary(ScalarLayout.Of(type)!.Value.Signed ? Op.SExt : Op.ZExt, IrType.I64, value);
    }

    /// <summary>Lowers a node for its value: the IR value, or null for a void node.</summary>
    private Value? LowerValue(Expression node)
    {
        if (TakeLoweredAhead(node, out var ahead))
        {
            return ahead;
        }
        _valueDepth++;
        try
        {
            if (_valueDepth % SpineCheckpoint == 0)
            {
                LowerSpineAhead(node);
            }
            return LowerNode(node);
        }
        finally
        {
            _valueDepth--;
        }
    }

    private Value? LowerNode(Expression node)
    {
        using var scope = Enter(node);
        switch (node.NodeType)
        {
            case ExpressionType.Constant:
                return LowerConstant((ConstantExpression)node);
            case ExpressionType.Parameter:
                return ReadVariable((ParameterExpression)node);
            case ExpressionType.MemberAccess:
                return LowerMember((MemberExpression)node);
            case ExpressionType.ArrayIndex:
                return LowerContextElement(node, ((BinaryExpression)node).Left, ((BinaryExpression)node).Right);
            case ExpressionType.Index when node is IndexExpression { Indexer: null, Object: { } array, Arguments: [var index] }:
                return LowerContextElement(node, array, index);
            case ExpressionType.ArrayLength:
                return LowerContextArrayLength((UnaryExpression)node);
            case var _ when IsArithmetic(node):
                return LowerBinary((BinaryExpression)node);
            case ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.Not or ExpressionType.OnesComplement
                or ExpressionType.Increment or ExpressionType.Decrement or ExpressionType.IsTrue or ExpressionType.IsFalse:
                return LowerUnary((UnaryExpression)node);
            case ExpressionType.Convert:
                return LowerConvert((UnaryExpression)node);
            case ExpressionType.AddChecked or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked
                or ExpressionType.NegateChecked or ExpressionType.ConvertChecked or ExpressionType.AddAssignChecked
                or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssignChecked:
                throw Error(node, CompileErrors.CheckedArithmetic(node.NodeType));
            case ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.AndAlso or ExpressionType.OrElse:
                return MaterializeBool(node);
            case ExpressionType.Conditional:
                return LowerConditional((ConditionalExpression)node);
            case ExpressionType.Call:
                return LowerCall((MethodCallExpression)node);
            case ExpressionType.Block:
                return LowerBlock((BlockExpression)node);
            case ExpressionType.Assign:
                return LowerAssign((BinaryExpression)node);
            case ExpressionType.AddAssign or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign
                or ExpressionType.DivideAssign or ExpressionType.ModuloAssign or ExpressionType.AndAssign
                or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign
                or ExpressionType.RightShiftAssign:
                return LowerCompoundAssign((BinaryExpression)node);
            case ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
                or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign:
                return LowerIncrementAssign((UnaryExpression)node);
            case ExpressionType.Default:
                return DefaultOf(node);
            case ExpressionType.Loop:
                return LowerLoop((LoopExpression)node);
            case ExpressionType.Goto:
                LowerGoto((GotoExpression)node);
                return DefaultOf(node);
            case ExpressionType.Label:
                return LowerLabel((LabelExpression)node);
            case ExpressionType.Switch:
                return LowerSwitch((SwitchExpression)node);
            case ExpressionType.DebugInfo:
                return null; // sequence points of hand-built trees: nothing to compute
            case ExpressionType.Invoke:
                throw Error(node, CompileErrors.InvocationNotInlinable(((InvocationExpression)node).Expression.Type));
            default:
                throw Error(node, CompileErrors.UnsupportedExpression(node.NodeType));
        }
    }

    /// <summary>Makes <paramref name="node"/> the current origin: instructions emitted until disposal carry its source.</summary>
    private NodeScope Enter(Expression node)
    {
        // Every recursion of the lowering enters here. DeepStack sizes the stack for the tree, so this
        // never fires; if that estimate were ever wrong it turns a stack overflow into an internal error.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var scope = new NodeScope(this, _origin, _b.Source);
        _origin = _context.OriginOf(node, _origin);
        _b.Source = _origin;
        return scope;
    }

    private readonly struct NodeScope(IrLowering owner, Origin origin, SourceRef? source) : IDisposable
    {
        public void Dispose()
        {
            owner._origin = origin;
            owner._b.Source = source;
        }
    }

    private BpfCompileException Error(Expression node, CompileError error) => _context.Error(node, error);

    /// <summary>The scalar layout of a node's type, or a compile error naming its type.</summary>
    private ScalarLayout ScalarOf(Expression node) => ScalarLayout.Of(node.Type) ?? throw TypeError(node);

    /// <summary>The IR type a value of <paramref name="node"/>'s type lives in (scalars and verdicts).</summary>
    private IrType IrTypeOf(Expression node, Type type) =>
        type == typeof(Verdict) ? IrType.I64 : ScalarLayout.Of(type)?.Ir ?? throw TypeError(node);

    // The most helpful error for a node that has no value the program could compute with.
    private BpfCompileException TypeError(Expression node)
    {
        var origin = _context.Provenance.Find(node)?.Node;
        return node switch
        {
            ConstantExpression { Value: LambdaExpression } or LambdaExpression or NewExpression or NewArrayExpression
                or MemberInitExpression or ListInitExpression => Error(node, CompileErrors.UnsupportedExpression(node is ConstantExpression ? ExpressionType.Lambda : node.NodeType)),
            ConstantExpression c when origin is MemberExpression =>
                Error(node, CompileErrors.UnsupportedCapturedValue(CSharpRenderer.Render(origin), c.Value?.GetType() ?? c.Type)),
            MemberExpression { Expression: var e, Member: System.Reflection.PropertyInfo p } when e == _contextParameter && ContextFieldTable.Find(p) is { IsArray: true } field =>
                Error(node, CompileErrors.ContextArrayAsValue(field)),
            _ when node == _contextParameter || ContextTypes.IsContext(node.Type) => Error(node, CompileErrors.ContextMisuse(_contextParameter)),
            _ => Error(node, CompileErrors.UnsupportedType(node.Type)),
        };
    }

    /// <summary>A new block (sealed by the caller once its predecessors are known).</summary>
    private Block NewBlock() => _function.AddBlock();

    /// <summary>Continues emitting in <paramref name="block"/>.</summary>
    private void StartBlock(Block block) => _b.Current = block;
}
