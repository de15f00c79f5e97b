using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// Every attr and info struct matches the kernel's layout: each field sits at the offset of the
/// kernel field whose snake_case name it carries, no kernel field is missing before the last one
/// mirrored, and the size is exactly what the command passes.
/// </summary>
public class AttrLayoutTests
{
    public static TheoryData<string> Mirrors() => new(KernelLayout.Structs.Select(s => s.Mirror));

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Fields_sit_at_the_kernels_offsets(string mirror)
    {
        var (_, size, prefix, fields) = KernelLayout.Structs.Single(s => s.Mirror == mirror);
        var type = MirrorType(mirror);
        var kernel = fields.ToDictionary(f => f.Field, f => f.Offset);
        var mirrored = type.GetFields(BindingFlags.Instance | BindingFlags.Public);

        mirrored.Select(f => SnakeCase(f.Name)).ShouldBe(fields.Select(f => f.Field), $"{mirror} mirrors {prefix}* in kernel order");
        foreach (var field in mirrored)
        {
            int offset = (int)Marshal.OffsetOf(type, field.Name);
            offset.ShouldBe(kernel[SnakeCase(field.Name)], $"{mirror}.{field.Name} vs {prefix}{SnakeCase(field.Name)}");
        }
        Marshal.SizeOf(type).ShouldBe(size);
    }

    [Fact]
    public void Every_attr_struct_of_the_runtime_is_checked()
    {
        var checkedNames = KernelLayout.Structs.Select(s => s.Mirror).ToHashSet();
        var attrs = typeof(BpfSyscall).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.Namespace is "BpfLinq.Runtime.Native.Attrs" or "BpfLinq.Runtime.Native.Info")
            .Where(t => !t.Name.StartsWith('<') && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null)
            .Where(t => t.DeclaringType is null)
            .Select(t => t.Name);
        attrs.ShouldBeSubsetOf(checkedNames);
    }

    [Theory]
    [InlineData("MapType", "map_type")]
    [InlineData("BtfVmlinuxValueTypeId", "btf_vmlinux_value_type_id")]
    [InlineData("AttachBtfObjFd", "attach_btf_obj_fd")]
    [InlineData("NrMapIds", "nr_map_ids")]
    [InlineData("Target0", "target0")]
    public void SnakeCase_maps_mirror_names_to_kernel_names(string pascal, string snake) =>
        SnakeCase(pascal).ShouldBe(snake);

    private static Type MirrorType(string name) =>
        typeof(BpfSyscall).Assembly.GetType("BpfLinq.Runtime.Native.Attrs." + name)
            ?? typeof(BpfSyscall).Assembly.GetType("BpfLinq.Runtime.Native.Info." + name)
            ?? throw new InvalidOperationException("no mirror struct " + name);

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder();
        foreach (char ch in pascal)
        {
            if (char.IsUpper(ch) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(ch));
        }
        return text.ToString();
    }
}
