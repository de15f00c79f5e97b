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

    /// <summary>
    /// Lays out a compiled function's frame. Buffers live at the same time that need more than the
    /// kernel's 512 bytes are the program's (its keys and <c>LoadBytes</c> buffers): a compile error
    /// pointing at the buffer that reaches deepest. When the spill slots take more than the buffers,
    /// the program keeps too many values alive at once (<see cref="DiagnosticCode.StackTooLarge"/>).
    /// </summary>
    /// <exception cref="BpfCompileException">They do not fit in 512 bytes.</exception>
    public static FrameLayout Create(MachineFunction machine, int slotCount, string function, DiagnosticLocation program)
    {
        var bytes = machine.FrameBufferBytes + (slotCount * SlotSize);
        if (bytes > MaxStackSize && slotCount * SlotSize > machine.FrameBufferBytes)
        {
            // A right-nested chain of 1,000 materialised bools holds every left operand until the innermost is known.
            throw CompileErrors.StackTooLarge(slotCount, bytes, MaxStackSize).At(program);
        }
        if (bytes > MaxStackSize)
        {
            throw CompileErrors.FrameTooLarge(
                $"{function} needs {bytes} bytes of stack ({machine.FrameBufferBytes} bytes of buffers live at the same time and {slotCount} spill slots); the kernel allows {MaxStackSize}")
                .At(program.At(machine.DeepestBuffer));
        }
        return new FrameLayout(slotCount, machine.FrameBufferBytes);
    }

    /// <summary>The offset from r10 of slot <paramref name="slot"/>.</summary>
    public short OffsetOf(int slot) =>
        slot >= 0 && slot < SlotCount
            ? (short)(-BufferBytes - (SlotSize * (slot + 1)))
            : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the frame has {SlotCount} slots");
}
