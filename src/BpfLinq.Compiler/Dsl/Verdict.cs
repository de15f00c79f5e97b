using BpfLinq.Compiler.Compilation;

namespace BpfLinq;

/// <summary>
/// What a filter decides for a packet. The compiler maps each verdict to the program kind's return
/// convention: <see cref="Pass"/> is 0xFFFFFFFF for a socket filter, SK_PASS (1) for sk_skb, XDP_PASS (2),
/// TC_ACT_OK (0) and 1 for cgroup_skb; <see cref="Drop"/> is 0, SK_DROP (0), XDP_DROP (1), TC_ACT_SHOT (2)
/// and 0. Write <c>using static BpfLinq.Verdict;</c> to say <c>Pass</c> and <c>Drop</c>.
/// </summary>
public readonly struct Verdict : IEquatable<Verdict>
{
    private readonly VerdictKind _kind;
    private readonly uint _keepBytes;

    private Verdict(VerdictKind kind, uint keepBytes = 0)
    {
        _kind = kind;
        _keepBytes = keepBytes;
    }

    /// <summary>Let the packet through.</summary>
    public static Verdict Pass => new(VerdictKind.Pass);

    /// <summary>Drop the packet.</summary>
    public static Verdict Drop => new(VerdictKind.Drop);

    /// <summary>XDP only: send the packet back out of the interface it arrived on (XDP_TX).</summary>
    public static Verdict Tx => new(VerdictKind.Tx);

    /// <summary>XDP only: redirect (XDP_REDIRECT; the target is chosen by a redirect helper).</summary>
    public static Verdict Redirect => new(VerdictKind.Redirect);

    /// <summary>XDP only: drop and raise the xdp_exception tracepoint (XDP_ABORTED).</summary>
    public static Verdict Aborted => new(VerdictKind.Aborted);

    /// <summary>Socket filters only: keep the first <paramref name="bytes"/> bytes of the packet (0 drops it).</summary>
    public static Verdict Keep(uint bytes) => new(VerdictKind.Keep, bytes);

    /// <summary>Which verdict this is.</summary>
    public VerdictKind Kind => _kind;

    /// <summary>For <see cref="Keep"/>, the number of bytes kept.</summary>
    public uint KeepBytes => _keepBytes;

    /// <summary>
    /// The value a program of <paramref name="kind"/> returns for this verdict.
    /// </summary>
    /// <exception cref="ArgumentException">The verdict does not exist for that kind (e.g. <see cref="Tx"/> outside XDP).</exception>
    public long ToReturnValue(ProgramKind kind)
    {
        var row = ProgramKindTable.Of(kind);
        return _kind == VerdictKind.Keep && row.Keeps ? _keepBytes
            : row.Verdicts.TryGetValue(_kind, out var value) ? value
            : throw new ArgumentException($"Verdict.{_kind} is not a verdict of a {kind} program", nameof(kind));
    }

    /// <summary>True when a program of <paramref name="kind"/> can return this verdict.</summary>
    public bool IsValidFor(ProgramKind kind) => ProgramKindTable.Of(kind).Allows(_kind);

    /// <inheritdoc/>
    public bool Equals(Verdict other) => _kind == other._kind && _keepBytes == other._keepBytes;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Verdict v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _keepBytes);

    /// <summary>Compares two verdicts.</summary>
    public static bool operator ==(Verdict left, Verdict right) => left.Equals(right);

    /// <summary>Compares two verdicts.</summary>
    public static bool operator !=(Verdict left, Verdict right) => !left.Equals(right);

    /// <summary><c>Pass</c>, <c>Drop</c>, <c>Keep(64)</c>, ...</summary>
    public override string ToString() => _kind == VerdictKind.Keep ? $"Keep({_keepBytes})" : _kind.ToString();
}
