using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The stack frame: spill slots of 8 bytes, slot k at <c>r10 - 8(k + 1)</c>, so every slot is
/// 8-byte aligned and a spilled pointer is stored and reloaded whole (the verifier then keeps its
/// type). The kernel allows 512 bytes per frame (and across a call chain).
/// </summary>
internal sealed class FrameLayout
{
    /// <summary>The kernel's stack limit in bytes.</summary>
    public const int MaxStackSize = 512;

    /// <summary>Bytes per slot.</summary>
    public const int SlotSize = 8;

    private FrameLayout(int slotCount) => SlotCount = slotCount;

    /// <summary>Number of slots.</summary>
    public int SlotCount { get; }

    /// <summary>Bytes of stack used.</summary>
    public int StackSize => SlotCount * SlotSize;

    /// <summary>Lays out <paramref name="slotCount"/> slots.</summary>
    /// <exception cref="InternalCompilerError">They do not fit in 512 bytes.</exception>
    public static FrameLayout Create(int slotCount, string function)
    {
        if (slotCount * SlotSize > MaxStackSize)
        {
            throw new InternalCompilerError("frame layout", function,
                $"{slotCount} spill slots need {slotCount * SlotSize} bytes of stack; the kernel allows {MaxStackSize}", "");
        }
        return new FrameLayout(slotCount);
    }

    /// <summary>The offset from r10 of slot <paramref name="slot"/>.</summary>
    public short OffsetOf(int slot) =>
        slot >= 0 && slot < SlotCount
            ? (short)(-SlotSize * (slot + 1))
            : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the frame has {SlotCount} slots");
}
