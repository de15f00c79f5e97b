namespace BpfLinq.Compiler.Tests.Differential.StandIn;

/// <summary>The stand-in compiler's documented error codes.</summary>
internal static class StandInCodes
{
    /// <summary>A node the stand-in does not compile (checked arithmetic, calls, object creation ...).</summary>
    public const string Unsupported = "SI0001";

    /// <summary>A context field the program kind may not read.</summary>
    public const string FieldNotReadable = "SI0002";

    /// <summary>An array index that is not a constant in range.</summary>
    public const string VariableIndex = "SI0003";

    /// <summary>Division or remainder by a divisor not proven non-zero (and, when signed, not -1).</summary>
    public const string UnprovenDivisor = "SI0004";

    /// <summary>A verdict the program kind does not have.</summary>
    public const string ForeignVerdict = "SI0005";

    /// <summary>A tree that needs more stack or longer jumps than the stand-in has.</summary>
    public const string TooLarge = "SI0006";

    /// <summary>True for the codes above.</summary>
    public static bool IsDocumented(string code) =>
        code is Unsupported or FieldNotReadable or VariableIndex or UnprovenDivisor or ForeignVerdict or TooLarge;
}
