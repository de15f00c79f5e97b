namespace BpfLinq;

// The program kind a managed evaluation runs as, for the intrinsics whose result depends on it
// (bpf_redirect returns TC_ACT_REDIRECT in tc, XDP_REDIRECT in XDP), and the evaluation's options
// (the managed twins of helpers called by id and of kfuncs). Set by BpfFilter.Evaluate.
internal static class ManagedRun
{
    // Thread-static fields take t_, as in dotnet/runtime; the s_ naming rule cannot tell them apart.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static ProgramKind? t_kind;

    [ThreadStatic]
    private static EvaluateOptions? t_options;
#pragma warning restore IDE1006

    public static ProgramKind? Kind => t_kind;

    public static EvaluateOptions? Options => t_options;

    public static T As<T>(ProgramKind kind, EvaluateOptions? options, Func<T> run)
    {
        var (outerKind, outerOptions) = (t_kind, t_options);
        (t_kind, t_options) = (kind, options);
        try
        {
            return run();
        }
        finally
        {
            (t_kind, t_options) = (outerKind, outerOptions);
        }
    }
}
