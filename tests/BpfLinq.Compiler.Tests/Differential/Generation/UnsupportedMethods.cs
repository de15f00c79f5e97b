namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>An arbitrary user method a lambda may call (which BpfLinq cannot compile).</summary>
public static class UnsupportedMethods
{
    /// <summary>Mixes the bits of a value.</summary>
    public static int Scramble(int value) => (value * 31) ^ (value >>> 7);
}
