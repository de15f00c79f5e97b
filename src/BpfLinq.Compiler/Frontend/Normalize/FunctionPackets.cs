using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// <see cref="DesugarPackets"/> for a <see cref="BpfFunction"/>'s body, whose context may be any of its
/// parameters (the rewrite reads the packet through the lambda's first): the context is put first
/// for the rewrite and the parameters are given back in their order. The subprogram then reads the
/// packet through its context argument, as the program does (the packet expansion finds it there).
/// </summary>
internal static class FunctionPackets
{
    /// <summary>The function's lambda with its packet reads rewritten.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context)
    {
        var parameters = lambda.Parameters;
        var at = parameters.ToList().FindIndex(p => ContextTypes.IsContext(p.Type));
        if (at <= 0)
        {
            // First already, or no context: without one the body cannot reach a packet.
            return at == 0 ? DesugarPackets.Apply(lambda, context) : lambda;
        }
        return DesugarPackets.Apply(lambda, context, parameters[at]);
    }
}
