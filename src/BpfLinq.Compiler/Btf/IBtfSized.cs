namespace BpfLinq.Compiler.Btf;

/// <summary>A BTF kind that records its own size in bytes (int, struct/union, enum, enum64, float, datasec).</summary>
internal interface IBtfSized
{
    /// <summary>The size in bytes the type's record carries.</summary>
    uint Size { get; }
}
