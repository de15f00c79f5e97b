using System.Text;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// More simultaneously live values than registers, with helper calls in between (only r6-r9
/// survive a call): the allocator must spill, the checker must accept, the verifier must accept
/// the stack traffic (8-byte slots, pointers whole) and the kernel must compute what the IR says.
/// </summary>
public sealed class RegisterPressureTests
{
    /// <summary>
    /// Loads <paramref name="count"/> context words, calls ktime_get_ns between every few, keeps
    /// them all live, and returns a combination that depends on every one (and on their order).
    /// </summary>
    public static string ManyLiveValuesAcrossCalls(int count)
    {
        var sb = new StringBuilder("func pressure(v0: ctxptr) -> i64\nb0:\n");
        var next = 1;
        var loaded = new List<int>();
        for (var k = 0; k < count; k++)
        {
            var offset = ContextOffsets.SkBuff(nameof(SkBuff.Cb)) + 4 * (k % 5);
            sb.Append($"  v{next} = load.i64.u32 v0, {(k % 7 == 6 ? ContextOffsets.SkBuff(nameof(SkBuff.Mark)) : offset)}\n");
            sb.Append($"  v{next + 1} = mul.i64 v{next}, {k + 3}\n");
            loaded.Add(next + 1);
            next += 2;
            if (k % 3 == 2)
            {
                sb.Append($"  v{next} = call.i64 5()\n");
                next++;
            }
        }
        var acc = loaded[0];
        foreach (var v in loaded.Skip(1))
        {
            sb.Append($"  v{next} = mul.i64 v{acc}, 31\n");
            sb.Append($"  v{next + 1} = xor.i64 v{next}, v{v}\n");
            acc = next + 1;
            next += 2;
        }
        sb.Append($"  ret v{acc}\n");
        return sb.ToString();
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(24)]
    [InlineData(40)]
    public void Spills_are_checked_and_stay_within_the_frame(int count)
    {
        var code = Backend.Compile(ManyLiveValuesAcrossCalls(count));
        if (count > 4)
        {
            code.StackSize.ShouldBeGreaterThan(0, "more values live across calls than r6-r9");
        }
        code.StackSize.ShouldBeLessThanOrEqualTo(512);
        code.StackSize.ShouldBeLessThanOrEqualTo(8 * count, "slots are shared or not needed beyond one per value");
    }

    [KernelTheory]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(24)]
    [InlineData(40)]
    public void Spilled_programs_load_and_agree_with_the_interpreter(int count)
    {
        var f = IrParser.Parse(ManyLiveValuesAcrossCalls(count));
        var code = Backend.Compile(f);
        TestRunInput[] contexts = [KernelHarness.Context(3, 0, 1, 2, 3, 4, 5), KernelHarness.Context(0xffffffff, 1, 0x80000000, 7, 0xdeadbeef, 0, 99)];
        KernelHarness.Run(code, contexts).ShouldBe(contexts.Select(c => KernelHarness.Interpret(f, c)).ToArray());
    }
}
