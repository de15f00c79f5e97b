using System.Reflection;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// One field of a program context as the kernel lays it out: the C# property that mirrors it, the
/// kernel's name, byte offset and element size, how many elements (5 for <c>cb</c>, 4 for the IPv6
/// addresses, 1 otherwise), and the group of fields it belongs to, which each program kind's row in
/// <see cref="ProgramKindTable"/> may or may not read.
/// </summary>
internal sealed record ContextField(
    PropertyInfo Property,
    string KernelName,
    int Offset,
    int Size,
    int Count,
    ContextFieldGroup Group)
{
    /// <summary>The program kinds that may read the field.</summary>
    public IReadOnlySet<ProgramKind> ReadableBy =>
        ProgramKindTable.All.Where(r => r.Context == Property.DeclaringType && r.ReadableFields.Contains(Group)).Select(r => r.Kind).ToHashSet();

    /// <summary>True when the property is an array of <see cref="Count"/> elements.</summary>
    public bool IsArray => Property.PropertyType.IsArray;

    /// <summary>The byte offset of element <paramref name="index"/>.</summary>
    public int OffsetOf(int index) => Offset + index * Size;
}
