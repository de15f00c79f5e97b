using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The callee side of a <see cref="BpfFunction"/> compiled as a subprogram (<see cref="FunctionLowering"/> is the
/// caller's): its body lowered once into a function of the module, parameters in r1–r5, result in r0.
/// </summary>
internal sealed partial class IrLowering
{
    private const int MaxFunctionParameters = 5;

    private int LowerSubprogram(MethodCallExpression node, BpfFunction f)
    {
        var lambda = f.Lambda;
        if (lambda.Parameters.Count > MaxFunctionParameters)
        {
            throw Error(node, CompileErrors.FunctionMisuse($"'{f.Name}' has {lambda.Parameters.Count} parameters; a BPF function takes at most {MaxFunctionParameters}"));
        }
        if (!IsReturnable(lambda.ReturnType))
        {
            throw Error(node, CompileErrors.FunctionMisuse($"'{f.Name}' returns {lambda.ReturnType.Name}; a BPF function returns a scalar, a bool or a Verdict"));
        }
        // A 32-bit result comes back as an i32 (w0, upper half zero): no narrowing copy at the call.
        var function = new Function(f.Name, IrTypeOf(node, lambda.ReturnType)) { ReturnsToKernel = false };
        var contextParameter = lambda.Parameters.FirstOrDefault(p => ContextTypes.IsContext(p.Type)) ?? Expression.Parameter(typeof(SkBuff), "unused");
        var parameters = lambda.Parameters.Select(p => function.AddParam(ContextTypes.IsContext(p.Type) ? IrType.CtxPtr : IrTypeOf(node, p.Type))).ToList();
        var index = _module.AddFunction(function, f);
        _module.MarkInProgress(f, true);
        // The body's nodes get paths under the call (Function.Body...), so line_info and messages quote them.
        _context.Provenance.AddTree(lambda, _context.OriginOf(node, _origin).Path.Child("Function"));
        var normalised = NormaliseBody(f);
        var inner = new IrLowering(this, normalised, function, contextParameter);
        inner.LowerSubprogramBody(normalised, parameters);
        _module.MarkInProgress(f, false);
        return index;
    }

    // The compile order's steps for a function body (CompileOrder.FunctionBody), each in the phase
    // wrapper, with the function's own snapshot of captured values.
    private LambdaExpression NormaliseBody(BpfFunction f)
    {
        var state = new FrontEndState(f.Lambda, _context, _context.Options) { Captured = f.Captured };
        StepRunner.RunAll(CompileOrder.FunctionBody, state, f.Name, StepHooks.None);
        return state.Lambda;
    }

    private void LowerSubprogramBody(LambdaExpression lambda, List<Param> parameters)
    {
        var entry = _function.AddBlock();
        _ssa.SealBlock(entry);
        _b.Current = entry;
        _b.Source = _origin;
        for (var k = 0; k < parameters.Count; k++)
        {
            if (lambda.Parameters[k] == _contextParameter)
            {
                _ctx = parameters[k];
                _function.Context = _ctx;
                continue;
            }
            Declare(lambda.Parameters[k]);
            _ssa.WriteVariable(lambda.Parameters[k], entry, parameters[k]);
        }
        var body = LowerValue(lambda.Body)!;
        _b.Ret(_function.ReturnType == IrType.I32 ? body : ToReturnValue(body, lambda.Body.Type));
        _labels.SealAll(_ssa);
        UnreachableCode.RemoveAndFoldPhis(_function);
    }
}
