using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// The runtime's mirror structs (<c>Native/Attrs</c>, <c>Native/Info</c>) as the marshaller lays them
/// out: each field's kernel name (PascalCase to snake_case), byte offset, size and alignment.
/// </summary>
internal static class MirrorLayout
{
    public const string AttrsNamespace = "BpfLinq.Runtime.Native.Attrs";
    public const string InfoNamespace = "BpfLinq.Runtime.Native.Info";

    /// <summary>Every struct the runtime declares in <paramref name="ns"/> (compiler-generated fixed buffers excluded).</summary>
    public static IEnumerable<Type> Structs(string ns) =>
        typeof(BpfSyscall).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.Namespace == ns && t.DeclaringType is null)
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static Type Struct(string name) =>
        typeof(BpfSyscall).Assembly.GetType($"{AttrsNamespace}.{name}")
            ?? typeof(BpfSyscall).Assembly.GetType($"{InfoNamespace}.{name}")
            ?? throw new InvalidOperationException("no mirror struct " + name);

    /// <summary>The fields in declaration (= layout) order.</summary>
    public static List<MirrorField> Fields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => new MirrorField(f.Name, SnakeCase(f.Name), (ulong)Marshal.OffsetOf(type, f.Name), (ulong)Marshal.SizeOf(f.FieldType), Alignment(f)))
            .OrderBy(f => f.Offset)
            .ToList();

    public static string SnakeCase(string pascal)
    {
        var text = new StringBuilder();
        foreach (var ch in pascal)
        {
            if (char.IsUpper(ch) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(ch));
        }
        return text.ToString();
    }

    // Sequential layout aligns a primitive to its size and a fixed buffer to its element's size.
    private static ulong Alignment(FieldInfo field) =>
        field.GetCustomAttribute<FixedBufferAttribute>() is { } buffer
            ? (ulong)Marshal.SizeOf(buffer.ElementType)
            : (ulong)Marshal.SizeOf(field.FieldType);
}

/// <summary>A mirror field: C# name, kernel name, byte offset, size, alignment.</summary>
internal readonly record struct MirrorField(string Name, string KernelName, ulong Offset, ulong Size, ulong Alignment)
{
    public ulong End => Offset + Size;
}
