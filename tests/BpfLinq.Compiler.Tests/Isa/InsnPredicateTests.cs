using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>Each <see cref="Insn"/> predicate holds for exactly the instructions it names.</summary>
public class InsnPredicateTests
{
    private static readonly Dictionary<string, Func<Insn, bool>> s_predicates = new()
    {
        [nameof(Insn.IsCall)] = i => i.IsCall,
        [nameof(Insn.IsHelperCall)] = i => i.IsHelperCall,
        [nameof(Insn.IsLocalCall)] = i => i.IsLocalCall,
        [nameof(Insn.IsKfuncCall)] = i => i.IsKfuncCall,
        [nameof(Insn.IsExit)] = i => i.IsExit,
        [nameof(Insn.IsJump)] = i => i.IsJump,
        [nameof(Insn.IsLoadImm64)] = i => i.IsLoadImm64,
        [nameof(Insn.IsConstantLoad)] = i => i.IsConstantLoad,
        [nameof(Insn.IsMapReference)] = i => i.IsMapReference,
        [nameof(Insn.IsMapValueReference)] = i => i.IsMapValueReference,
        [nameof(Insn.IsFunctionReference)] = i => i.IsFunctionReference,
    };

    private static readonly Dictionary<string, (Insn Insn, string[] Holds)> s_cases = new()
    {
        ["call helper"] = (Insn.Call(Helper.MapLookupElem), ["IsCall", "IsHelperCall"]),
        ["call local"] = (Insn.CallLocal(3), ["IsCall", "IsLocalCall"]),
        ["call kfunc"] = (Insn.CallKfunc(42), ["IsCall", "IsKfuncCall"]),
        ["exit"] = (Insn.Exit(), ["IsExit"]),
        ["goto"] = (Insn.Ja(-2), ["IsJump"]),
        ["gotol"] = (Insn.Gotol(70000), ["IsJump"]),
        ["may_goto"] = (Insn.MayGoto(4), ["IsJump"]),
        ["if r1 > 5"] = (Insn.Jmp(JmpOp.Jgt, Reg.R1, 5, 1), ["IsJump"]),
        ["if w1 == w2"] = (Insn.Jmp32(JmpOp.Jeq, Reg.R1, Reg.R2, 1), ["IsJump"]),
        ["r0 = imm ll"] = (Insn.LdImm64(Reg.R0, 1L << 40).First, ["IsLoadImm64", "IsConstantLoad"]),
        ["map by fd"] = (Insn.LdMapFd(Reg.R1, 7).First, ["IsLoadImm64", "IsMapReference"]),
        ["map by index"] = (Insn.LdMapIdx(Reg.R1, 0).First, ["IsLoadImm64", "IsMapReference"]),
        ["map value by fd"] = (Insn.LdMapValue(Reg.R1, 7, 8).First, ["IsLoadImm64", "IsMapValueReference"]),
        ["map value by index"] = (Insn.LdMapIdxValue(Reg.R1, 0, 8).First, ["IsLoadImm64", "IsMapValueReference"]),
        ["function address"] = (Insn.LdFunc(Reg.R2, 5).First, ["IsLoadImm64", "IsFunctionReference"]),
        ["kernel variable"] = (Insn.LdBtfId(Reg.R1, 99).First, ["IsLoadImm64"]),
        ["r0 = 1"] = (Insn.Mov(Reg.R0, 1), []),
        ["r0 = *(u64 *)(r1 + 0)"] = (Insn.Ldx(Size.DWord, Reg.R0, Reg.R1, 0), []),
        ["second slot"] = (default, []),
    };

    /// <summary>Every case's name.</summary>
    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exactly_the_named_predicates_hold(string name)
    {
        var (insn, holds) = s_cases[name];
        s_predicates.Where(p => p.Value(insn)).Select(p => p.Key).ShouldBe(holds, ignoreOrder: true, name);
    }

    [Fact]
    public void Every_predicate_holds_somewhere_and_fails_somewhere()
    {
        foreach (var (predicate, test) in s_predicates)
        {
            s_cases.Values.ShouldContain(c => test(c.Insn), predicate);
            s_cases.Values.ShouldContain(c => !test(c.Insn), predicate);
        }
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    [InlineData(300)]
    public void Jump_offset_is_the_offset_or_the_gotol_immediate(short distance)
    {
        Insn.Ja(distance).JumpOffset.ShouldBe(distance);
        Insn.Jmp(JmpOp.Jne, Reg.R3, 0, distance).JumpOffset.ShouldBe(distance);
        Insn.Gotol(distance * 1000).JumpOffset.ShouldBe(distance * 1000);
    }

    [Fact]
    public void The_call_kind_and_pseudo_source_are_the_source_field()
    {
        Insn.CallKfunc(7).CallKind.ShouldBe(CallKind.Kfunc);
        Insn.CallLocal(-3).CallKind.ShouldBe(CallKind.Local);
        Insn.LdMapIdxValue(Reg.R1, 2, 16).First.PseudoSource.ShouldBe(PseudoSource.MapIdxValue);
        Insn.LdImm64(Reg.R1, 5).First.PseudoSource.ShouldBe(PseudoSource.None);
    }
}
