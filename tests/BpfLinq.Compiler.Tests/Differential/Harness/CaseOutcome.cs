namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>How one case ended.</summary>
internal enum CaseVerdict
{
    /// <summary>It compiled, the verifier accepted it, and the kernel agreed with the CLR on every input.</summary>
    Agreed,

    /// <summary>A documented compile error naming a node of the tree.</summary>
    Rejected,

    /// <summary>Not a program at all (a shrinking step produced a tree the CLR cannot compile): discarded.</summary>
    Invalid,

    /// <summary>Anything else: a mismatch, a verifier rejection, an undocumented or pathless error, a crash.</summary>
    Failed,
}

/// <summary>The verdict on one case, with the failure report or the compile error.</summary>
internal sealed record CaseOutcome(CaseVerdict Verdict, string Detail = "", CompileError? Error = null)
{
    /// <summary>The case agreed.</summary>
    public static CaseOutcome Agreed { get; } = new(CaseVerdict.Agreed);
}
