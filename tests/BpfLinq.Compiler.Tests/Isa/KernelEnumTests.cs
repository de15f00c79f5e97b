using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// The id enumerations hold exactly the names and values of the running kernel's (Linux 6.18 here),
/// read from <c>/sys/kernel/btf/vmlinux</c> with our own decoder (itself checked against bpftool
/// type by type in VmlinuxBtfTests).
/// </summary>
public class KernelEnumTests
{
    private const string VmlinuxPath = "/sys/kernel/btf/vmlinux";

    private static readonly Lazy<BtfSpec> s_vmlinux = new(() => BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath)));

    // (kernel enum, the prefix its constants share, our enum)
    public static TheoryData<string, string, Type> Enums => new()
    {
        { "bpf_func_id", "BPF_FUNC_", typeof(Helper) },
        { "bpf_prog_type", "BPF_PROG_TYPE_", typeof(ProgramType) },
        { "bpf_attach_type", "BPF_", typeof(AttachType) },
        { "bpf_map_type", "BPF_MAP_TYPE_", typeof(MapType) },
    };

    [SkippableTheory]
    [MemberData(nameof(Enums))]
    public void Names_and_values_are_the_kernels(string kernelEnum, string prefix, Type ours)
    {
        Vmlinux.TryFindType<BtfEnum>(kernelEnum, BtfKind.Enum, out var kernel).ShouldBeTrue($"vmlinux has no enum {kernelEnum}");
        var constants = kernel.Values
            .Where(v => !v.Name.StartsWith("__", StringComparison.Ordinal)) // __MAX_BPF_* counts, not values
            .Select(v => (Name: Normalize(v.Name, prefix), v.Value))
            .ToList();
        var members = Enum.GetValues(ours).Cast<object>()
            .Select(value => (Name: Normalize(Enum.GetName(ours, value)!, ""), Value: Convert.ToInt64(value)))
            .ToList();

        constants.ShouldNotBeEmpty();
        members.Except(constants).ShouldBeEmpty($"{ours.Name} members {kernelEnum} lacks (name and value compared without case and underscores)");
        // A newer kernel may append values; none up to our largest may be missing.
        var largest = members.Max(m => m.Value);
        constants.Where(c => c.Value <= largest).Select(c => c.Value).Except(members.Select(m => m.Value))
            .ShouldBeEmpty($"{kernelEnum} values {ours.Name} lacks");
    }

    private static BtfSpec Vmlinux
    {
        get
        {
            if (!File.Exists(VmlinuxPath))
            {
                var reason = $"{VmlinuxPath} is absent: this kernel was built without CONFIG_DEBUG_INFO_BTF";
                throw TestEnvironment.KernelRequired ? new InvalidOperationException(reason) : new SkipException(reason);
            }
            return s_vmlinux.Value;
        }
    }

    // BPF_FUNC_map_lookup_elem and MapLookupElem, BPF_CGROUP_UDP4_SENDMSG and CgroupUdp4SendMsg, meet as
    // "maplookupelem" and "cgroupudp4sendmsg".
    private static string Normalize(string name, string prefix)
    {
        name.ShouldStartWith(prefix);
        return name[prefix.Length..].Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
    }
}
