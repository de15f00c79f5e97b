using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The stack frame: first the stack buffers (<see cref="Ir.Op.StackSlot"/>, placed by instruction
/// selection at the top of the frame), then spill slots of 8 bytes, slot k at
/// <c>r10 - buffers - 8(k + 1)</c>, so every slot is 8-byte aligned and a spilled pointer is stored and reloaded whole (the verifier then keeps its
/// type). The kernel allows 512 bytes per frame (and across a call chain).
/// </summary>
internal sealed class FrameLayout
{
    /// <summary>The kernel's stack limit in bytes.</summary>
    public const int MaxStackSize = 512;

    /// <summary>Bytes per slot.</summary>
    public const int SlotSize = 8;

    private FrameLayout(int slotCount, int bufferBytes)
    {
        SlotCount = slotCount;
        BufferBytes = bufferBytes;
    }

    /// <summary>Bytes of stack buffers above the slots (a multiple of 8).</summary>
    public int BufferBytes { get; }

    /// <summary>Number of slots.</summary>
    public int SlotCount { get; }

    /// <summary>Bytes of stack used.</summary>
    public int StackSize => BufferBytes + (SlotCount * SlotSize);

    /// <summary>Lays out <paramref name="slotCount"/> slots below <paramref name="bufferBytes"/> bytes of buffers.</summary>
    /// <exception cref="BpfCompileException">The buffers fit but the spill slots do not: the program keeps more values alive at once than 512 bytes hold (<see cref="DiagnosticCode.StackTooLarge"/>).</exception>
    /// <exception cref="InternalCompilerError">They do not fit in 512 bytes.</exception>
    public static FrameLayout Create(int slotCount, string function, int bufferBytes = 0)
    {
        if (bufferBytes <= MaxStackSize && bufferBytes + (slotCount * SlotSize) > MaxStackSize)
        {
            // A right-nested chain of 1,000 materialised bools holds every left operand until the innermost is known.
            throw CompileErrors.StackTooLarge(slotCount, bufferBytes + (slotCount * SlotSize), MaxStackSize)
                .At(new DiagnosticLocation(null, "", null, null, null, 0));
        }
        if (bufferBytes + (slotCount * SlotSize) > MaxStackSize)
        {
            throw new InternalCompilerError("frame layout", function,
                $"{bufferBytes} bytes of buffers and {slotCount} spill slots need {bufferBytes + (slotCount * SlotSize)} bytes of stack; the kernel allows {MaxStackSize}", "");
        }
        return new FrameLayout(slotCount, bufferBytes);
    }

    /// <summary>The offset from r10 of slot <paramref name="slot"/>.</summary>
    public short OffsetOf(int slot) =>
        slot >= 0 && slot < SlotCount
            ? (short)(-BufferBytes - (SlotSize * (slot + 1)))
            : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the frame has {SlotCount} slots");
}
