using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>What kind of place a <see cref="Location"/> is.</summary>
internal enum LocationKind : byte
{
    /// <summary>No location (an unassigned operand).</summary>
    None,
    /// <summary>A physical register r0–r9.</summary>
    Register,
    /// <summary>An 8-byte stack slot (see <see cref="FrameLayout"/> for its offset from r10).</summary>
    Slot,
    /// <summary>A constant: only ever the source of a move.</summary>
    Constant,
}

/// <summary>
/// Where a value lives: a register, a stack slot, or (as the source of a move) a constant's exact
/// 64-bit register pattern.
/// </summary>
/// <param name="Kind">The kind of place.</param>
/// <param name="Value">The register number, the slot index, or the constant.</param>
internal readonly record struct Location(LocationKind Kind, long Value)
{
    /// <summary>A register.</summary>
    public static Location In(Reg reg) => new(LocationKind.Register, (long)reg);

    /// <summary>Stack slot <paramref name="index"/>.</summary>
    public static Location Slot(int index) => new(LocationKind.Slot, index);

    /// <summary>A constant with the exact register pattern <paramref name="bits"/>.</summary>
    public static Location Constant(long bits) => new(LocationKind.Constant, bits);

    /// <summary>True for a register.</summary>
    public bool IsRegister => Kind == LocationKind.Register;

    /// <summary>True for a stack slot.</summary>
    public bool IsSlot => Kind == LocationKind.Slot;

    /// <summary>True for a constant.</summary>
    public bool IsConstant => Kind == LocationKind.Constant;

    /// <summary>The register (only when <see cref="IsRegister"/>).</summary>
    public Reg Reg => (Reg)Value;

    /// <summary>The slot index (only when <see cref="IsSlot"/>).</summary>
    public int SlotIndex => (int)Value;

    /// <summary><c>r3</c>, <c>[s2]</c>, <c>#5</c>.</summary>
    public override string ToString() => Kind switch
    {
        LocationKind.Register => "r" + Value.ToString(CultureInfo.InvariantCulture),
        LocationKind.Slot => "[s" + Value.ToString(CultureInfo.InvariantCulture) + "]",
        LocationKind.Constant => "#" + Value.ToString(CultureInfo.InvariantCulture),
        _ => "-",
    };
}
