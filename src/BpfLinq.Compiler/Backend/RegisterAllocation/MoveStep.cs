namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// One move the allocator inserts, encodable as one eBPF instruction (two for a 64-bit constant):
/// register to register (mov), slot to register (ldx dw), register to slot (stx dw), constant to
/// register (mov, mov32 or ld_imm64), or a constant that sign-extends from 32 bits to a slot (st dw).
/// </summary>
/// <param name="Destination">A register or a slot.</param>
/// <param name="Source">A register, a slot, or a constant.</param>
internal readonly record struct MoveStep(Location Destination, Location Source)
{
    /// <summary>True when one instruction can do it (no slot-to-slot, no wide constant to a slot).</summary>
    public bool IsEncodable =>
        Destination.IsRegister
        || (Destination.IsSlot && (Source.IsRegister || (Source.IsConstant && Source.Value == (int)Source.Value)));

    /// <summary><c>r1 &lt;- r2</c>.</summary>
    public override string ToString() => $"{Destination} <- {Source}";
}
