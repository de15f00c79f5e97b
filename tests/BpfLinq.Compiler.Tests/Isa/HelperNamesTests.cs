using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>The helpers' C names: complete, consistent with the enum, and the kernel's.</summary>
public class HelperNamesTests
{
    private static readonly Helper[] s_helpers = Enum.GetValues<Helper>().Where(h => h != Helper.Unspec).ToArray();

    [Fact]
    public void Names_and_ids_map_both_ways()
    {
        HelperNames.CName(Helper.MapLookupElem).ShouldBe("bpf_map_lookup_elem");
        HelperNames.CName(Helper.SkbLoadBytes).ShouldBe("bpf_skb_load_bytes");
        HelperNames.Parse("bpf_strncmp").ShouldBe(Helper.Strncmp);
        s_helpers.Length.ShouldBe(211);
        foreach (var helper in s_helpers)
        {
            HelperNames.TryParse(HelperNames.CName(helper), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(helper);
        }
    }

    [Fact]
    public void Ids_without_a_helper_have_no_name()
    {
        HelperNames.TryGetCName(Helper.Unspec, out _).ShouldBeFalse();
        HelperNames.TryGetCName((Helper)212, out _).ShouldBeFalse();
        HelperNames.TryGetCName((Helper)(-1), out _).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => HelperNames.CName((Helper)212));
        Should.Throw<ArgumentException>(() => HelperNames.Parse("bpf_no_such_helper"));
        HelperNames.TryParse("BPF_MAP_LOOKUP_ELEM", out _).ShouldBeFalse();
        HelperNames.TryParse("map_lookup_elem", out _).ShouldBeFalse();
    }

    [Fact]
    public void Each_c_name_is_the_enum_member_name_in_snake_case()
    {
        foreach (var helper in s_helpers)
        {
            HelperNames.CName(helper).ShouldBe("bpf_" + SnakeCase(helper.ToString()));
        }
    }

    [Fact]
    public void Each_member_documents_its_c_name_and_what_it_does()
    {
        var xml = XDocument.Load(Path.ChangeExtension(typeof(Helper).Assembly.Location, ".xml"));
        var summaries = xml.Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("F:BpfLinq.Helper.", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)["F:BpfLinq.Helper.".Length..], m => m.Element("summary")!);

        foreach (var helper in s_helpers)
        {
            var summary = summaries[helper.ToString()];
            var cName = summary.Element("c");
            cName.ShouldNotBeNull($"{helper}'s summary names no C function");
            cName.Value.ShouldBe(HelperNames.CName(helper));
            summary.Value.Length.ShouldBeGreaterThan(HelperNames.CName(helper).Length + 10, $"{helper} needs a few words of description");
        }
    }

    [SkippableFact]
    public void The_names_and_ids_are_those_of_the_running_kernels_btf()
    {
        var body = Regex.Match(ReferenceTool.VmlinuxHeader, @"enum bpf_func_id \{(?<body>[^}]*)\}").Groups["body"].Value;
        var kernel = Regex.Matches(body, @"BPF_FUNC_(?<name>\w+) = (?<id>\d+)")
            .Where(m => m.Groups["name"].Value != "unspec")
            .ToDictionary(m => "bpf_" + m.Groups["name"].Value, m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));

        kernel.Count.ShouldBeGreaterThan(200);
        foreach (var (name, id) in kernel)
        {
            // A newer kernel may add helpers; every helper we know must be the kernel's.
            if (id <= s_helpers.Length)
            {
                HelperNames.CName((Helper)id).ShouldBe(name);
            }
        }
        kernel.Count.ShouldBeGreaterThanOrEqualTo(s_helpers.Length);
    }

    private static string SnakeCase(string pascal)
    {
        var snake = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }
}
