namespace BpfLinq;

// The program kind a managed evaluation runs as, for the intrinsics whose result depends on it
// (bpf_redirect returns TC_ACT_REDIRECT in tc, XDP_REDIRECT in XDP). Set by BpfFilter.Evaluate.
internal static class ManagedRun
{
    [ThreadStatic]
    private static ProgramKind? t_kind;

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
