using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Testing;

/// <summary>
/// Offsets of context fields for tests, read from the compiler's field table
/// (<see cref="ContextFieldTable"/>) so that no test repeats a kernel layout number.
/// </summary>
internal static class ContextOffsets
{
    /// <summary><c>sizeof(struct __sk_buff)</c>.</summary>
    public const int SkBuffSize = ContextFieldTable.SkBuffSize;

    /// <summary><c>sizeof(struct xdp_md)</c>.</summary>
    public const int XdpMdSize = ContextFieldTable.XdpMdSize;

    // The packet pointers are not fields a program reads as values, so the field table does not list
    // them; the packet expansion uses the same numbers. Here they are written once for every test.

    /// <summary><c>offsetof(struct __sk_buff, data)</c>.</summary>
    public const int SkBuffData = 76;

    /// <summary><c>offsetof(struct __sk_buff, data_end)</c>.</summary>
    public const int SkBuffDataEnd = 80;

    /// <summary><c>offsetof(struct xdp_md, data)</c>.</summary>
    public const int XdpMdData = 0;

    /// <summary><c>offsetof(struct xdp_md, data_end)</c>.</summary>
    public const int XdpMdDataEnd = 4;

    /// <summary>The offset in <c>struct __sk_buff</c> of the field <see cref="BpfLinq.SkBuff"/>'s <paramref name="property"/> mirrors (element <paramref name="index"/> of an array).</summary>
    public static int SkBuff(string property, int index = 0) =>
        ContextFieldTable.SkBuff.Single(f => f.Property.Name == property).OffsetOf(index);

    /// <summary>The offset in <c>struct xdp_md</c> of the field <see cref="BpfLinq.XdpMd"/>'s <paramref name="property"/> mirrors.</summary>
    public static int XdpMd(string property) =>
        ContextFieldTable.XdpMd.Single(f => f.Property.Name == property).Offset;
}
