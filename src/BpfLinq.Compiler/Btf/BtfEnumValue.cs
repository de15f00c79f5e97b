namespace BpfLinq.Compiler.Btf;

/// <summary>
/// One enumerator of a <see cref="BtfEnum"/> or <see cref="BtfEnum64"/>. <see cref="Value"/> holds the
/// number as C reads it: for an unsigned ENUM it lies in 0..<see cref="uint.MaxValue"/>, for a signed
/// one in the <see cref="int"/> range; for an ENUM64 it is the 64-bit pattern, to be reinterpreted as
/// <see cref="ulong"/> when the enum is unsigned.
/// </summary>
/// <param name="Name">The enumerator's name.</param>
/// <param name="Value">The enumerator's value.</param>
public sealed record BtfEnumValue(string Name, long Value);
