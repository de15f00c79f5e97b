using System.Globalization;
using System.Text.RegularExpressions;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>The id enumerations hold exactly the values of the running kernel's BTF (Linux 6.18 here).</summary>
public class KernelEnumTests
{
    public static TheoryData<string, string> Enums => new()
    {
        { "bpf_func_id", nameof(Helper) },
        { "bpf_prog_type", nameof(ProgramType) },
        { "bpf_attach_type", nameof(AttachType) },
        { "bpf_map_type", nameof(MapType) },
    };

    [SkippableTheory]
    [MemberData(nameof(Enums))]
    public void Values_are_the_kernels(string kernelEnum, string ourEnum)
    {
        var body = Regex.Match(ReferenceTool.VmlinuxHeader, $@"enum {kernelEnum} \{{(?<body>[^}}]*)\}}").Groups["body"].Value;
        var kernel = Regex.Matches(body, @"(?<name>\w+) = (?<value>\d+)")
            .Where(m => !m.Groups["name"].Value.StartsWith("__", StringComparison.Ordinal)) // __MAX_BPF_* counts, not values
            .Select(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToHashSet();
        var type = typeof(Helper).Assembly.GetType($"BpfLinq.Compiler.Isa.{ourEnum}")!;
        var ours = Enum.GetValues(type).Cast<object>().Select(Convert.ToInt64).ToHashSet();

        kernel.ShouldNotBeEmpty();
        ours.Except(kernel).ShouldBeEmpty($"{ourEnum} values the kernel does not have");
        // A newer kernel may append values; none below our largest may be missing.
        kernel.Where(value => value <= ours.Max()).Except(ours).ShouldBeEmpty($"{kernelEnum} values {ourEnum} lacks");
    }
}
