using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Reads and writes of memory the features share (map values, lookup tables, helper buffers): what
/// needs only the builder, not the lowering.
/// </summary>
internal static class MemoryAccess
{
    /// <summary>Reads a scalar of <paramref name="type"/> at pointer + offset, canonical for its C# type.</summary>
    public static Instr LoadScalar(this IrBuilder b, Value pointer, long offset, ScalarLayout type)
    {
        var bytes = type.Bits == 1 ? 1 : type.Bits / 8;
        var loaded = b.Load(type.Ir, pointer, offset, bytes);
        return type.IsNarrow && type.Signed ? b.SExtIn(type.Ir, loaded, type.Bits) : loaded;
    }

    /// <summary>
    /// Stores zeros over the first <paramref name="size"/> bytes at <paramref name="pointer"/> in the
    /// widest aligned pieces that fit, skipping the pieces <paramref name="written"/> marks as wholly written later.
    /// </summary>
    public static void Zero(this IrBuilder b, Value pointer, int size, bool[]? written = null)
    {
        for (var at = 0; at < size;)
        {
            var width = size - at >= 8 ? 8 : size - at >= 4 ? 4 : size - at >= 2 ? 2 : 1;
            if (written is null || written.AsSpan(at, width).ContainsAnyExcept(true))
            {
                b.Store(pointer, at, width, width == 8 ? b.I64(0) : b.I32(0));
            }
            at += width;
        }
    }
}
