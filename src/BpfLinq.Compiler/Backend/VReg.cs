using System.Globalization;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// A register operand of machine code. Ids 0–9 are the physical registers r0–r9 (used where the
/// calling convention pins a value: call arguments, call results, the return value, the context on
/// entry); ids from <see cref="FirstVirtual"/> on are virtual registers, one per SSA value, that the
/// allocator maps to a register or a stack slot. r10, the frame pointer, is never an operand: only
/// the emitter addresses the stack through it.
/// </summary>
/// <param name="Index">The dense id.</param>
internal readonly record struct VReg(int Index) : IComparable<VReg>
{
    /// <summary>Number of allocatable physical registers (r0–r9).</summary>
    public const int PhysicalCount = 10;

    /// <summary>The first virtual register id.</summary>
    public const int FirstVirtual = PhysicalCount;

    /// <summary>The operand standing for physical register <paramref name="reg"/>.</summary>
    public static VReg Physical(Reg reg) => new((int)reg);

    /// <summary>True for r0–r9.</summary>
    public bool IsPhysical => Index < PhysicalCount;

    /// <summary>The physical register (only when <see cref="IsPhysical"/>).</summary>
    public Reg Reg => (Reg)Index;

    /// <summary>Orders by id (QuikGraph's undirected edges name the smaller vertex first).</summary>
    public int CompareTo(VReg other) => Index.CompareTo(other.Index);

    /// <summary><c>r3</c> for physical registers, <c>%12</c> for virtual ones.</summary>
    public override string ToString() =>
        (IsPhysical ? "r" : "%") + Index.ToString(CultureInfo.InvariantCulture);
}
