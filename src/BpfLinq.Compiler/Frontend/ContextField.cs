using System.Reflection;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// One field of a program context as the kernel lays it out: the C# property that mirrors it, the
/// kernel's name, byte offset and element size, how many elements (5 for <c>cb</c>, 4 for the IPv6
/// addresses, 1 otherwise), and the program kinds that may read it.
/// </summary>
internal sealed record ContextField(
    PropertyInfo Property,
    string KernelName,
    int Offset,
    int Size,
    int Count,
    IReadOnlySet<ProgramKind> ReadableBy)
{
    /// <summary>True when the property is an array of <see cref="Count"/> elements.</summary>
    public bool IsArray => Property.PropertyType.IsArray;

    /// <summary>The byte offset of element <paramref name="index"/>.</summary>
    public int OffsetOf(int index) => Offset + index * Size;
}
