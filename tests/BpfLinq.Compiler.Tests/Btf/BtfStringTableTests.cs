using System.Text;
using BpfLinq.Compiler.Btf;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Btf;

public sealed class BtfStringTableTests
{
    [Fact]
    public void Offset_zero_is_the_empty_string_and_adds_are_deduplicated()
    {
        var table = new BtfStringTable();

        table.Add(null).ShouldBe(0u);
        table.Add("").ShouldBe(0u);
        table.Add("int").ShouldBe(1u);
        table.Add("long").ShouldBe(5u);
        table.Add("int").ShouldBe(1u);
        table.Add("in").ShouldBe(10u);

        table.ToArray().ShouldBe("\0int\0long\0in\0"u8.ToArray());
        table.Length.ShouldBe(13);
        table.Count.ShouldBe(4);
        table.GetString(5).ShouldBe("long");
        table.GetString(2).ShouldBe("nt");
        table.TryGetOffset("long", out var offset).ShouldBeTrue();
        offset.ShouldBe(5u);
        table.TryGetOffset("short", out _).ShouldBeFalse();
    }

    [Fact]
    public void Names_are_utf8_and_may_not_hold_nul()
    {
        var table = new BtfStringTable();

        var offset = table.Add("größe");

        table.GetString(offset).ShouldBe("größe");
        table.Length.ShouldBe(1 + Encoding.UTF8.GetByteCount("größe") + 1);
        Should.Throw<ArgumentException>(() => table.Add("a\0b"));
        Should.Throw<ArgumentOutOfRangeException>(() => table.GetString((uint)table.Length));
    }

    [Fact]
    public void Offsets_are_stable_and_every_string_reads_back()
    {
        var names = Gen.Elements("a", "b", "sk_buff", "bpf_attr", "x1", "größe", "").ListOf();
        Prop.ForAll(names.ToArbitrary(), list =>
        {
            var table = new BtfStringTable();
            var first = list.Select(table.Add).ToList();
            var second = list.Select(table.Add).ToList();

            second.ShouldBe(first);
            for (var i = 0; i < list.Count; i++)
            {
                table.GetString(first[i]).ShouldBe(list[i]);
            }
            table.Count.ShouldBe(list.Append("").Distinct().Count());
            table.Length.ShouldBe(1 + list.Where(s => s.Length > 0).Distinct().Sum(s => Encoding.UTF8.GetByteCount(s) + 1));
        }).QuickCheckThrowOnFailure();
    }
}
