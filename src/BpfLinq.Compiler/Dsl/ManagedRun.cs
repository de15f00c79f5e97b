namespace BpfLinq;

// The program kind a managed evaluation runs as, for the intrinsics whose result depends on it
// (bpf_redirect returns TC_ACT_REDIRECT in tc, XDP_REDIRECT in XDP). Set by BpfFilter.Evaluate.
internal static class ManagedRun
{
    // Thread-static fields take t_, as in dotnet/runtime; the s_ naming rule cannot tell them apart.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static ProgramKind? t_kind;
#pragma warning restore IDE1006

    public static ProgramKind? Kind => t_kind;

    public static T As<T>(ProgramKind kind, Func<T> run)
    {
        var outer = t_kind;
        t_kind = kind;
        try
        {
            return run();
        }
        finally
        {
            t_kind = outer;
        }
    }
}
