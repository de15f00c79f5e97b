using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Stack buffers share bytes when their addresses are never live together: one after another they
/// overlap, used together (two arguments of one call) they do not, and a buffer whose address flows
/// through a phi, or that holds a pointer, keeps bytes of its own.
/// </summary>
public sealed class StackBufferLayoutTests
{
    private static readonly Dictionary<string, (string Ir, int Bytes, int[] Offsets)> s_cases = new()
    {
        ["buffers used one after another share their bytes"] = ("""
            v1 = stack.stackptr 256
            store.u32 v1, 0, 1
            v2 = call.i64 5(v1)
            v3 = stack.stackptr 96
            store.u32 v3, 0, 2
            v4 = call.i64 5(v3)
            v5 = add.i64 v2, v4
            ret v5
            """, 256, [-256, -96]),
        ["buffers live together get their own bytes"] = ("""
            v1 = stack.stackptr 8
            store.u32 v1, 0, 1
            v2 = stack.stackptr 12
            store.u64 v2, 0, 2
            v4 = call.i64 5(v1, v2)
            ret v4
            """, 24, [-16, -24]),
        ["a buffer whose address flows through a phi shares with none"] = ("""
            v1 = stack.stackptr 16
            v2 = load.i32.u32 v0, 0
            v3 = cmp.ne.i32 v2, 0
            condbr v3, b1, b2
            b1: <- b0
            br b2
            b2: <- b1 b0
            v4 = phi.stackptr [b1: v1], [b0: v1]
            v5 = call.i64 5(v4)
            v6 = stack.stackptr 16
            v7 = call.i64 5(v6)
            v8 = add.i64 v5, v7
            ret v8
            """, 32, [-16, -32]),
        ["a buffer holding a pointer shares with none"] = ("""
            v1 = stack.stackptr 8
            store.u64 v1, 0, v0
            v2 = call.i64 5(v1)
            v3 = stack.stackptr 8
            store.u32 v3, 0, 2
            v4 = call.i64 5(v3)
            v5 = add.i64 v2, v4
            ret v5
            """, 16, [-8, -16]),
    };

    public static TheoryData<string> Names => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Places_the_buffers(string name)
    {
        var (ir, bytes, expected) = s_cases[name];
        var f = IrParser.Parse("func filter(v0: ctxptr) -> i64\nb0:\n" + ir);

        var (offsets, total) = StackBufferLayout.Place(f);

        total.ShouldBe(bytes);
        offsets.Values.ShouldBe(expected, ignoreOrder: true);
    }
}
