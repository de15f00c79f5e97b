namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>How the generators shape trees.</summary>
internal sealed record GenerationSettings
{
    /// <summary>The deepest operator nesting (promotion conversions the C# compiler inserts do not count).</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Roughly the most inner nodes a tree gets; past it, everything left to build is a leaf.</summary>
    public int MaxNodes { get; init; } = 120;

    /// <summary>The share of programs that contain one unsupported node (checked arithmetic, calls, ...).</summary>
    public double UnsupportedRate { get; init; } = 0.1;

    /// <summary>Whether to build the nodes only hand-built trees have (Block, Assign, Loop, Goto, Switch).</summary>
    public bool HandBuilt { get; init; } = true;

    /// <summary>The default: depth 8, one program in ten with an unsupported node, hand-built nodes on.</summary>
    public static GenerationSettings Default { get; } = new();
}
