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
/// This is the caller's side; the subprogram's body is lowered by <see cref="IrLowering"/>.
/// A feature of <see cref="IrLowering"/>, reached through <see cref="ILoweringScope"/>.
/// </summary>
internal sealed class FunctionLowering(ILoweringScope scope)
{
    private readonly IrBuilder _b = scope.Builder;

    /// <summary><c>f.Invoke(...)</c> of a captured <see cref="BpfFunction"/>.</summary>
    public Instr LowerFunctionCall(MethodCallExpression node)
    {
        var function = ExpandFunctions.CalledFunction(node) ?? throw scope.Error(node, CompileErrors.UnsupportedMethod(node.Method));
        if (scope.Module.IsInProgress(function))
        {
            throw scope.Error(node, CompileErrors.FunctionMisuse($"'{function.Name}' calls itself: eBPF has no recursion; write it as a loop (Bpf.Fold)"));
        }
        var index = scope.Module.FunctionFor(function) ?? scope.LowerSubprogram(node, function);
        var args = new Value[node.Arguments.Count];
        for (var k = 0; k < args.Length; k++)
        {
            var arg = ContextTypes.IsContext(node.Arguments[k].Type) ? scope.ContextArgument(node.Arguments[k]) : scope.Lower(node.Arguments[k])!;
            args[k] = arg is Constant { Type: IrType.I32 } c ? _b.I64(c.Bits) : arg; // call constants are i64 (the callee reads the low half)
        }
        return _b.LocalCall(index, scope.Module.Functions[index].ReturnType, args);
    }
}
