namespace BpfLinq.Compiler.Frontend;

/// <summary>What the front end needs besides the lambda and the program kind: names and source location for the IR and diagnostics.</summary>
internal sealed record LoweringOptions
{
    /// <summary>Options with every default.</summary>
    public static LoweringOptions Default { get; } = new();

    /// <summary>The IR function's name (the program's name).</summary>
    public string Name { get; init; } = "filter";

    /// <summary>The lambda as the user wrote it (<c>[CallerArgumentExpression]</c>); rendered from the tree when null.</summary>
    public string? SourceText { get; init; }

    /// <summary>The file the lambda was written in, for diagnostics.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The line the lambda was written on (0 when unknown).</summary>
    public int SourceLine { get; init; }

    /// <summary>
    /// Runs the IR verifier on the result (default true). The driver turns it off unless the
    /// caller asked for verification between passes: a clean front end costs a user nothing.
    /// </summary>
    public bool VerifyIr { get; init; } = true;

    /// <summary>Where captured values are read once and remembered (the filter's snapshot); null reads them afresh.</summary>
    public CapturedValues? Captured { get; init; }
}
