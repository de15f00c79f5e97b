using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend.Normalize;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Calls of <see cref="BpfFunction"/>s compiled as subprograms (the inlined ones were expanded by
/// <see cref="ExpandFunctions"/>): the first call lowers the body into a function of the module,
/// every call is a BPF-to-BPF call with the arguments in r1–r5 and the result in r0. A context
/// argument passes the context pointer (the verifier follows it into the callee); scalars pass at
/// their IR width; the result comes back at its IR width (an i32 with a zero upper half, or an i64).
/// Both sides are here: the call, and the callee's prologue (parameters in r1–r5) around its body,
/// which is lowered as a program's is (<see cref="IFunctionBody"/>).
/// A feature of <see cref="IrLowering"/>, reached through <see cref="IFunctionScope"/>.
/// </summary>
internal sealed class FunctionLowering(IFunctionScope scope)
{
    private const int MaxFunctionParameters = 5;

    private readonly IrBuilder _b = scope.Builder;

    /// <summary><c>f.Invoke(...)</c> of a captured <see cref="BpfFunction"/>.</summary>
    public Instr LowerFunctionCall(MethodCallExpression node)
    {
        var function = ExpandFunctions.CalledFunction(node) ?? throw scope.Error(node, CompileErrors.UnsupportedMethod(node.Method));
        if (scope.Module.IsInProgress(function))
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse($"'{function.Name}' calls itself: eBPF has no recursion; write it as a loop (Bpf.Fold)"));
        }
        var index = scope.Module.FunctionFor(function) ?? LowerSubprogram(node, function);
        var args = new Value[node.Arguments.Count];
        for (var k = 0; k < args.Length; k++)
        {
            var arg = ContextTypes.IsContext(node.Arguments[k].Type) ? scope.ContextArgument(node.Arguments[k]) : scope.Lower(node.Arguments[k])!;
            args[k] = arg is Constant { Type: IrType.I32 } c ? _b.I64(c.Bits) : arg; // call constants are i64 (the callee reads the low half)
        }
        return _b.LocalCall(index, scope.Module.Functions[index].ReturnType, args);
    }

    // The callee: its body lowered once into a function of the module, parameters in r1–r5, result in r0.
    private int LowerSubprogram(MethodCallExpression node, BpfFunction f)
    {
        var lambda = f.Lambda;
        if (lambda.Parameters.Count > MaxFunctionParameters)
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse($"'{f.Name}' has {lambda.Parameters.Count} parameters; a BPF function takes at most {MaxFunctionParameters}"));
        }
        if (lambda.ReturnType != typeof(Verdict) && ScalarLayout.Of(lambda.ReturnType) is null)
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse($"'{f.Name}' returns {lambda.ReturnType.Name}; a BPF function returns a scalar, a bool or a Verdict"));
        }
        // A 32-bit result comes back as an i32 (w0, upper half zero): no narrowing copy at the call.
        var function = new Function(f.Name, scope.IrTypeOf(node, lambda.ReturnType)) { ReturnsToKernel = false };
        var contextParameter = lambda.Parameters.FirstOrDefault(p => ContextTypes.IsContext(p.Type)) ?? Expression.Parameter(typeof(SkBuff), "unused");
        var parameters = lambda.Parameters.Select(p => function.AddParam(ContextTypes.IsContext(p.Type) ? IrType.CtxPtr : scope.IrTypeOf(node, p.Type))).ToList();
        var index = scope.Module.AddFunction(function, f);
        scope.Module.MarkInProgress(f, true);
        var normalised = scope.NormaliseFunctionBody(node, f);
        var body = scope.StartFunctionBody(normalised, function, contextParameter);
        for (var k = 0; k < parameters.Count; k++)
        {
            if (normalised.Parameters[k] == contextParameter)
            {
                body.UseContext(parameters[k]);
                continue;
            }
            body.Bind(normalised.Parameters[k], parameters[k]);
        }
        var result = body.Lower(normalised.Body);
        body.Return(function.ReturnType == IrType.I32 ? result : body.Widened(result, normalised.Body.Type));
        scope.Module.MarkInProgress(f, false);
        return index;
    }
}
