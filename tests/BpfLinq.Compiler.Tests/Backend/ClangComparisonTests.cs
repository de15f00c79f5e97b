using System.Text.RegularExpressions;
using BpfLinq.Compiler.Tests.Isa;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// The code-quality bar, measured live: the same program written as C, compiled by
/// clang-19 -O2 -target bpf -mcpu=v3, must not take fewer instructions than our back end makes of
/// the IR the middle pipeline leaves for the lambda; for the Len filter our listing must be clang's
/// exactly. Skips without clang-19 and llvm-objdump-19 (fails instead under BPFLINQ_REQUIRE_KERNEL=1).
/// </summary>
public sealed class ClangComparisonTests(ITestOutputHelper output)
{
    private const string SkBuff = "struct __sk_buff { unsigned len, pkt_type, mark, queue_mapping, protocol, vlan_present, vlan_tci, vlan_proto, priority; };\n";

    private const string LenFilter = "return skb->len < 6 ? -1 : 0;";

    /// <summary>Lambda (for the log), C body of the same socket filter, our IR, and whether clang's listing must match exactly.</summary>
    public static TheoryData<string, string, string, bool> Programs => new()
    {
        {
            // The join as the front end leaves it.
            "skb => skb.Len < 6 ? Pass : Drop",
            LenFilter,
            """
            func filter(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 0        ; skb.Len  @Body.Test.Left
              v2 = cmp.ult.i32 v1, 6         ; skb.Len < 6  @Body.Test
              condbr v2, b1, b2
            b1: <- b0
              br b3
            b2: <- b0
              br b3
            b3: <- b1 b2
              v3 = phi.i64 [b1: 0xffffffff], [b2: 0]     ; skb.Len < 6 ? Pass : Drop  @Body
              ret v3
            """,
            true
        },
        {
            // The same after CFG simplification merged one side away.
            "skb => skb.Len < 6 ? Pass : Drop (one side merged)",
            LenFilter,
            """
            func filter(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 0        ; skb.Len  @Body.Test.Left
              v2 = cmp.ult.i32 v1, 6         ; skb.Len < 6  @Body.Test
              condbr v2, b2, b1
            b1: <- b0
              br b2
            b2: <- b0 b1
              v3 = phi.i64 [b0: 0xffffffff], [b1: 0]     ; skb.Len < 6 ? Pass : Drop  @Body
              ret v3
            """,
            true
        },
        {
            "(skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop",
            "return (skb->len < 6 && skb->protocol == 8) || skb->mark > 100 ? -1 : 0;",
            """
            func filter(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 0
              v2 = cmp.ult.i32 v1, 6
              condbr v2, b1, b2
            b1: <- b0
              v3 = load.i32.u32 v0, 16
              v4 = cmp.eq.i32 v3, 8
              condbr v4, b3, b2
            b2: <- b0 b1
              v5 = load.i32.u32 v0, 8
              v6 = cmp.ugt.i32 v5, 100
              condbr v6, b3, b4
            b4: <- b2
              br b3
            b3: <- b1 b2 b4
              v7 = phi.i64 [b1: 0xffffffff], [b2: 0xffffffff], [b4: 0]
              ret v7
            """,
            false
        },
        {
            "skb => (skb.Mark & 0xff) == 2 ? skb.Priority + 1 : 0",
            "return (skb->mark & 0xff) == 2 ? skb->priority + 1 : 0;",
            """
            func filter(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 8
              v2 = and.i32 v1, 255
              v3 = cmp.eq.i32 v2, 2
              condbr v3, b1, b2
            b1: <- b0
              v4 = load.i32.u32 v0, 32
              v5 = add.i32 v4, 1
              v6 = zext.i64 v5
              br b2
            b2: <- b0 b1
              v7 = phi.i64 [b1: v6], [b0: 0]
              ret v7
            """,
            false
        },
        {
            "skb => skb.Mark * 3 + skb.Priority",
            "return skb->mark * 3 + skb->priority;",
            """
            func filter(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 8
              v2 = mul.i32 v1, 3
              v3 = load.i32.u32 v0, 32
              v4 = add.i32 v2, v3
              v5 = zext.i64 v4
              ret v5
            """,
            false
        },
    };

    [SkippableTheory]
    [MemberData(nameof(Programs))]
    public void We_emit_no_more_instructions_than_clang(string lambda, string cBody, string ir, bool clangsListingExactly)
    {
        var clang = ClangInstructions(cBody);
        var ours = Backend.Listing(Backend.Compile(ir));
        output.WriteLine($"{lambda}\nclang-19 ({clang.Length}):\n  {string.Join("\n  ", clang)}\nBpfLinq ({ours.Length}):\n  {string.Join("\n  ", ours)}");
        ours.Length.ShouldBeLessThanOrEqualTo(clang.Length, lambda);
        if (clangsListingExactly)
        {
            ours.ShouldBe(clang, lambda);
        }
    }

    // The instruction texts clang-19 produces for a socket filter with this body (ReferenceTool.Run
    // goes through TestEnvironment.RequireTool, so the test skips without clang-19 or llvm-objdump-19).
    private static string[] ClangInstructions(string body)
    {
        var dir = Directory.CreateTempSubdirectory("bpflinq-clang-");
        try
        {
            var source = Path.Combine(dir.FullName, "filter.c");
            var obj = Path.Combine(dir.FullName, "filter.o");
            File.WriteAllText(source, SkBuff + "__attribute__((section(\"socket\"), used)) int filter(struct __sk_buff *skb) { " + body + " }\n");
            ReferenceTool.Run("clang-19", ["-O2", "-target", "bpf", "-mcpu=v3", "-c", source, "-o", obj]);
            var dump = ReferenceTool.Run("llvm-objdump-19", ["-d", "--no-show-raw-insn", obj]);
            return [.. dump.Split('\n')
                .Where(l => Regex.IsMatch(l, @"^\s+\d+:\t"))
                .Select(l => Regex.Replace(l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..], @" <[^<>]*>$", "").Trim())];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
