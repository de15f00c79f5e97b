namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>How a case's kernel outcome compares with what the suite and <see cref="ExpectedRefusals"/> expect.</summary>
internal enum VerdictKind
{
    /// <summary>Loaded and returned exactly the expected 64-bit r0.</summary>
    Passed,

    /// <summary>Refused by the verifier, as <see cref="ExpectedRefusals"/> says, for the listed reason.</summary>
    Refused,

    /// <summary>Anything else: a wrong r0, an unexpected refusal, or a load that should have been refused.</summary>
    Failed,
}

/// <summary>The verdict on one case, with the detail a test prints.</summary>
/// <param name="Case">The case's name.</param>
/// <param name="Kind">Passed, refused as expected, or failed.</param>
/// <param name="Detail">The verifier's summary for a refusal, what went wrong for a failure, r0 for a pass.</param>
internal sealed record ConformanceVerdict(string Case, VerdictKind Kind, string Detail)
{
    /// <summary>Judges <paramref name="outcome"/> against the case's expected result and the expected-refusal list.</summary>
    public static ConformanceVerdict Judge(ConformanceCase @case, KernelOutcome outcome)
    {
        var reason = ExpectedRefusals.ReasonFor(@case.Name);
        var expected = @case.ExpectedResult ?? throw new ArgumentException($"{@case.Name} has no expected result", nameof(@case));
        return (reason, outcome.Refusal) switch
        {
            (null, null) when outcome.R0 == expected && outcome.ReturnValue == (uint)outcome.R0 =>
                new(@case.Name, VerdictKind.Passed, $"r0 = 0x{outcome.R0:x}"),
            (null, null) =>
                new(@case.Name, VerdictKind.Failed, $"expected r0 = 0x{expected:x}, got {outcome}"),
            (null, { } summary) =>
                new(@case.Name, VerdictKind.Failed, $"expected r0 = 0x{expected:x}, but the verifier refused it: {summary}"),
            ({ } wanted, null) =>
                new(@case.Name, VerdictKind.Failed, $"expected the verifier to refuse it ({wanted}), but it ran: {outcome}"),
            ({ } wanted, { } summary) when summary.Contains(wanted, StringComparison.Ordinal) =>
                new(@case.Name, VerdictKind.Refused, summary),
            ({ } wanted, { } summary) =>
                new(@case.Name, VerdictKind.Failed, $"expected a refusal for '{wanted}', the verifier said: {summary}"),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Case}: {Kind.ToString().ToLowerInvariant()}, {Detail}";
}
