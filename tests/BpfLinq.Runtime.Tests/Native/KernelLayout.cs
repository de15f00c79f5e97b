using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Tests.Btf;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>
/// The kernel's layout of the structs the runtime mirrors, read from the running kernel's BTF
/// (<c>/sys/kernel/btf/vmlinux</c>) with our own decoder: the struct or union by name, and its
/// fields flattened through anonymous members as C sees them.
/// </summary>
internal static class KernelLayout
{
    /// <summary>The vmlinux struct or union <paramref name="name"/> (e.g. <c>bpf_attr</c>).</summary>
    public static BtfComposite Find(string name, BtfKind kind)
    {
        var vmlinux = RunningKernelBtf.Require().Vmlinux;
        vmlinux.TryFindType<BtfComposite>(name, kind, out var composite).ShouldBeTrue($"vmlinux has no {kind} {name}");
        return composite;
    }

    /// <summary>
    /// Every named field of <paramref name="composite"/>, members of anonymous structs and unions
    /// included (at their offset within <paramref name="composite"/>), in declaration order. Named
    /// struct members are fields in their own right, not flattened; unnamed bitfields are padding.
    /// </summary>
    public static List<KernelField> Fields(BtfComposite composite)
    {
        var fields = new List<KernelField>();
        Collect(composite, 0, fields);
        return fields;
    }

    private static void Collect(BtfComposite composite, ulong bitBase, List<KernelField> fields)
    {
        foreach (var member in composite.Members)
        {
            var bitOffset = bitBase + member.BitOffset;
            if (member.Name is not null)
            {
                fields.Add(new KernelField(member.Name, bitOffset / 8, BtfLayout.SizeOf(member.Type)));
            }
            else if (BtfLayout.Resolve(member.Type) is BtfComposite inner)
            {
                Collect(inner, bitOffset, fields);
            }
        }
    }
}

/// <summary>A field of a kernel struct: name, byte offset, size in bytes (a bitfield's underlying integer size).</summary>
internal readonly record struct KernelField(string Name, ulong Offset, ulong Size)
{
    public ulong End => Offset + Size;
}
