namespace BpfLinq.Compiler.Ir;

/// <summary>
/// The type of an IR value. Scalars are bit patterns: signedness lives in the operations
/// (<see cref="Op.SDiv"/> vs <see cref="Op.UDiv"/>, signed vs unsigned <see cref="Cond"/>), as in eBPF.
/// Pointer types keep their provenance so the backend never spills or combines them in a way the
/// kernel verifier would reject.
/// </summary>
internal enum IrType : byte
{
    /// <summary>No value (stores, branches).</summary>
    Void,
    /// <summary>A comparison result; consumed only by <see cref="Op.CondBr"/> (value uses are materialised by the front end).</summary>
    Bool,
    /// <summary>A 32-bit scalar, computed with ALU32 (upper half of the register zero).</summary>
    I32,
    /// <summary>A 64-bit scalar.</summary>
    I64,
    /// <summary>The program's context pointer (r1 on entry).</summary>
    CtxPtr,
    /// <summary>A pointer into the function's stack frame.</summary>
    StackPtr,
    /// <summary>A pointer into packet data.</summary>
    PacketPtr,
    /// <summary>The end-of-packet pointer that packet pointers are compared against.</summary>
    PacketEnd,
    /// <summary>A map (the result of loading a map reference).</summary>
    MapPtr,
    /// <summary>A pointer to a map value, known non-null.</summary>
    MapValuePtr,
    /// <summary>A map lookup's result: a map value pointer or null.</summary>
    MapValueOrNull,
}

/// <summary>Facts about <see cref="IrType"/>.</summary>
internal static class IrTypes
{
    /// <summary>True for the integer scalar types.</summary>
    public static bool IsScalar(this IrType type) => type is IrType.I32 or IrType.I64;

    /// <summary>True for every pointer type.</summary>
    public static bool IsPointer(this IrType type) => type >= IrType.CtxPtr;

    /// <summary>The printed name (<c>i32</c>, <c>ctxptr</c>, ...), which the parser reads back.</summary>
    public static string Name(this IrType type) => type switch
    {
        IrType.Void => "void",
        IrType.Bool => "bool",
        IrType.I32 => "i32",
        IrType.I64 => "i64",
        IrType.CtxPtr => "ctxptr",
        IrType.StackPtr => "stackptr",
        IrType.PacketPtr => "pktptr",
        IrType.PacketEnd => "pktend",
        IrType.MapPtr => "mapptr",
        IrType.MapValuePtr => "valptr",
        IrType.MapValueOrNull => "valptr?",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a printed type name.</summary>
    public static bool TryParse(string name, out IrType type)
    {
        foreach (var t in Enum.GetValues<IrType>())
        {
            if (t.Name() == name)
            {
                type = t;
                return true;
            }
        }
        type = IrType.Void;
        return false;
    }
}
