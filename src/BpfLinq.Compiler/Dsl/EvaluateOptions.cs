namespace BpfLinq;

/// <summary>
/// How <see cref="BpfFilter{TContext}.Evaluate(TContext, EvaluateOptions)"/> runs a program in .NET:
/// the program kind, and managed twins for the calls only the kernel can make — a helper called by
/// id with <see cref="Bpf.CallHelper"/>, a kfunc called by name with <see cref="Bpf.CallKfunc"/>.
/// A twin receives the call's arguments (at most five) and returns what the kernel's function would.
/// Without a twin such a call throws <see cref="NotSupportedException"/> in .NET.
/// <code>
/// var options = new EvaluateOptions
/// {
///     Kind = ProgramKind.Tc,
///     Helpers = { [42] = args => 0 },                        // bpf_get_numa_node_id
///     Kfuncs = { ["bpf_my_kfunc"] = args => args[0] + 1 },
/// };
/// long result = filter.Evaluate(context, options);
/// </code>
/// </summary>
public sealed class EvaluateOptions
{
    /// <summary>The program kind; the filter's <see cref="BpfFilter{TContext}.DefaultKind"/> when null.</summary>
    public ProgramKind? Kind { get; init; }

    /// <summary>Managed twins of helpers called by id (<see cref="Bpf.CallHelper"/>), by helper id (<c>enum bpf_func_id</c>).</summary>
    public IDictionary<int, Func<long[], long>> Helpers { get; } = new Dictionary<int, Func<long[], long>>();

    /// <summary>Managed twins of kfuncs (<see cref="Bpf.CallKfunc"/>), by kfunc name.</summary>
    public IDictionary<string, Func<long[], long>> Kfuncs { get; } = new Dictionary<string, Func<long[], long>>(StringComparer.Ordinal);
}
