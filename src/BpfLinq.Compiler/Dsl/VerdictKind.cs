namespace BpfLinq;

/// <summary>The kinds of <see cref="Verdict"/>.</summary>
public enum VerdictKind
{
    /// <summary>See <see cref="Verdict.Pass"/>.</summary>
    Pass,
    /// <summary>See <see cref="Verdict.Drop"/>.</summary>
    Drop,
    /// <summary>See <see cref="Verdict.Tx"/>.</summary>
    Tx,
    /// <summary>See <see cref="Verdict.Redirect"/>.</summary>
    Redirect,
    /// <summary>See <see cref="Verdict.Aborted"/>.</summary>
    Aborted,
    /// <summary>See <see cref="Verdict.Keep"/>.</summary>
    Keep,
}
