using System.Diagnostics;
using System.Text.RegularExpressions;
using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>The decoder against the running kernel's BTF, with bpftool as the reference.</summary>
public sealed class VmlinuxBtfTests
{
    private const string VmlinuxPath = "/sys/kernel/btf/vmlinux";

    private static readonly Lazy<BtfSpec> s_vmlinux = new(() => BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath)));
    private static readonly Lazy<string> s_bpftoolDump = new(() => Bpftool.DumpRaw(VmlinuxPath));

    private static BtfSpec Vmlinux
    {
        get
        {
            Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent: the kernel was built without CONFIG_DEBUG_INFO_BTF");
            return s_vmlinux.Value;
        }
    }

    [SkippableFact]
    public void Our_raw_dump_of_vmlinux_equals_bpftools_for_every_type()
    {
        var ours = BtfRawDump.Format(Vmlinux);
        var theirs = s_bpftoolDump.Value;
        FirstDifference(ours, theirs).ShouldBeNull();
        Vmlinux.TypeCount.ShouldBeGreaterThan(100_000);
    }

    [SkippableTheory]
    [InlineData("bpf_strcmp")]
    [InlineData("bpf_strstr")]
    [InlineData("bpf_obj_new_impl")]
    [InlineData("bpf_rcu_read_lock")]
    public void Kfunc_ids_match_bpftool(string name)
    {
        Vmlinux.TryFindFunc(name, out var id).ShouldBeTrue();
        var match = Regex.Match(s_bpftoolDump.Value, $@"^\[(\d+)\] FUNC '{Regex.Escape(name)}' ", RegexOptions.Multiline);
        match.Success.ShouldBeTrue($"bpftool's dump has no FUNC '{name}'");
        id.ShouldBe(int.Parse(match.Groups[1].Value));
        Vmlinux.GetName(id).ShouldBe(name);
        Vmlinux.GetKind(id).ShouldBe(BtfKind.Func);
        var func = Vmlinux.GetType(id).ShouldBeOfType<BtfFunc>();
        func.Name.ShouldBe(name);
        Vmlinux.TryGetId(func, out var again).ShouldBeTrue();
        again.ShouldBe(id);
    }

    [SkippableFact]
    public void Kfuncs_carry_the_bpf_kfunc_decl_tag()
    {
        Vmlinux.TryFindFunc("bpf_strcmp", out var id).ShouldBeTrue();
        var tags = Vmlinux.FindByName("bpf_kfunc", BtfKind.DeclTag)
            .Select(Vmlinux.GetType).Cast<BtfDeclTag>()
            .Where(tag => tag.Target == Vmlinux.GetType(id))
            .ToList();
        tags.Count.ShouldBe(1);
        tags[0].ComponentIndex.ShouldBe(-1);
    }

    [SkippableFact]
    public void First_lookup_on_a_fresh_decode_is_fast_and_later_ones_are_instant()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent");
        var bytes = File.ReadAllBytes(VmlinuxPath);
        var clock = Stopwatch.StartNew();
        var spec = BtfDecoder.Decode(bytes);
        spec.TryFindFunc("bpf_strcmp", out _).ShouldBeTrue();
        var first = clock.Elapsed;
        clock.Restart();
        for (var i = 0; i < 10_000; i++)
        {
            spec.TryFindFunc("bpf_strstr", out _).ShouldBeTrue();
        }
        var tenThousandMore = clock.Elapsed;
        first.ShouldBeLessThan(TimeSpan.FromSeconds(1), "decode + index + first lookup");
        tenThousandMore.ShouldBeLessThan(TimeSpan.FromMilliseconds(100), "10k indexed lookups");
    }

    [SkippableFact]
    public void Names_that_repeat_are_all_found_in_ascending_order()
    {
        // vmlinux repeats a few struct names (same tag, different definitions in different units).
        var dup = Regex.Matches(s_bpftoolDump.Value, @"^\[(\d+)\] STRUCT '([^']+)' ", RegexOptions.Multiline)
            .GroupBy(m => m.Groups[2].Value)
            .First(g => g.Count() > 1 && g.Key != "(anon)");
        var ids = Vmlinux.FindByName(dup.Key, BtfKind.Struct);
        ids.ShouldBe(dup.Select(m => int.Parse(m.Groups[1].Value)).ToList());
        Vmlinux.TryFind(dup.Key, BtfKind.Struct, out var first).ShouldBeTrue();
        first.ShouldBe(ids[0]);
        Vmlinux.FindByName(dup.Key).ShouldContain(ids[0]);
        Vmlinux.FindByName("no_such_type_anywhere").ShouldBeEmpty();
    }

    [SkippableFact]
    public void Concurrent_lookups_share_one_fully_built_graph()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent");
        var spec = BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath));
        var ids = Enumerable.Range(1, 4000).Select(i => i * (spec.TypeCount / 4001)).ToArray();
        var seen = new BtfType[4][];

        Parallel.For(0, 4, worker =>
        {
            seen[worker] = (worker % 2 == 0 ? ids : ids.Reverse()).Select(spec.GetType).ToArray();
            spec.TryFindFunc("bpf_strcmp", out _).ShouldBeTrue();
        });

        for (var i = 0; i < ids.Length; i++)
        {
            seen[0][i].ShouldBeSameAs(seen[2][i]);
            seen[1][ids.Length - 1 - i].ShouldBeSameAs(seen[0][i]);
            spec.TryGetId(seen[0][i], out var id).ShouldBeTrue();
            id.ShouldBe(ids[i]);
            seen[0][i].ToString().ShouldBe(s_vmlinux.Value.GetType(ids[i]).ToString());
        }
        // Whole closures are big (a task_struct reaches much of the kernel): compare a sample structurally.
        for (var i = 0; i < ids.Length; i += 200)
        {
            BtfGraphComparer.Difference(seen[0][i], s_vmlinux.Value.GetType(ids[i])).ShouldBeNull();
        }
    }

    private static string? FirstDifference(string ours, string theirs)
    {
        var a = ours.Split('\n');
        var b = theirs.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                return $"line {i + 1}: ours   {x}\n          bpftool {y}";
            }
        }
        return null;
    }
}
