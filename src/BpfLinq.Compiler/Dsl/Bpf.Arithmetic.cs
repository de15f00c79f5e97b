namespace BpfLinq;

/// <summary>
/// Division and remainder with eBPF's rules, for when a divisor cannot be proven safe. C#'s
/// <c>/</c> and <c>%</c> throw on a zero divisor (and on <c>MinValue / -1</c>); the kernel does not,
/// so the compiler accepts the operators only where the lambda guards them. These intrinsics compile
/// to a single eBPF instruction and, run in .NET, compute exactly what the kernel computes:
/// <c>x / 0 == 0</c>, <c>x % 0 == x</c>, <c>MinValue / -1 == MinValue</c>, <c>MinValue % -1 == 0</c>.
/// </summary>
public static partial class Bpf
{
    /// <summary><c>a / b</c> truncated toward zero; 0 when <paramref name="b"/> is 0; <c>int.MinValue</c> for <c>int.MinValue / -1</c>.</summary>
    public static int Div(int a, int b) => b == 0 ? 0 : b == -1 ? unchecked(-a) : a / b;

    /// <summary><c>a / b</c>; 0 when <paramref name="b"/> is 0.</summary>
    public static uint Div(uint a, uint b) => b == 0 ? 0 : a / b;

    /// <summary><c>a / b</c> truncated toward zero; 0 when <paramref name="b"/> is 0; <c>long.MinValue</c> for <c>long.MinValue / -1</c>.</summary>
    public static long Div(long a, long b) => b == 0 ? 0 : b == -1 ? unchecked(-a) : a / b;

    /// <summary><c>a / b</c>; 0 when <paramref name="b"/> is 0.</summary>
    public static ulong Div(ulong a, ulong b) => b == 0 ? 0 : a / b;

    /// <summary><c>a % b</c> with the sign of <paramref name="a"/>; <paramref name="a"/> when <paramref name="b"/> is 0; 0 when <paramref name="b"/> is -1.</summary>
    public static int Rem(int a, int b) => b == 0 ? a : b == -1 ? 0 : a % b;

    /// <summary><c>a % b</c>; <paramref name="a"/> when <paramref name="b"/> is 0.</summary>
    public static uint Rem(uint a, uint b) => b == 0 ? a : a % b;

    /// <summary><c>a % b</c> with the sign of <paramref name="a"/>; <paramref name="a"/> when <paramref name="b"/> is 0; 0 when <paramref name="b"/> is -1.</summary>
    public static long Rem(long a, long b) => b == 0 ? a : b == -1 ? 0 : a % b;

    /// <summary><c>a % b</c>; <paramref name="a"/> when <paramref name="b"/> is 0.</summary>
    public static ulong Rem(ulong a, ulong b) => b == 0 ? a : a % b;
}
