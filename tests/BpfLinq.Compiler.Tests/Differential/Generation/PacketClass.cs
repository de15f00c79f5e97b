namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>The enum the generated trees use (C# promotes its short values to int for arithmetic).</summary>
public enum PacketClass : short
{
    /// <summary>Zero.</summary>
    None = 0,
    /// <summary>One.</summary>
    Low = 1,
    /// <summary>A high bit of the low byte.</summary>
    Marked = 0x80,
    /// <summary>A bit of the high byte.</summary>
    High = 0x100,
    /// <summary>The largest value.</summary>
    Max = short.MaxValue,
    /// <summary>The smallest value.</summary>
    Min = short.MinValue,
}
