namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>
/// A compiled program's relocations, kfunc list and loop flag say exactly what its instructions
/// hold, for every golden program: the runtime reads them instead of scanning.
/// </summary>
public sealed class RelocationTests
{
    public static TheoryData<string> CaseNames => GoldenTests.CaseNames;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_reference_has_its_relocation_and_every_relocation_its_reference(string name)
    {
        var program = GoldenCases.Find(name).Compile();
        var instructions = program.Instructions;
        var expected = new List<Relocation>();
        for (var slot = 0; slot < instructions.Length; slot += instructions[slot].IsLoadImm64 ? 2 : 1)
        {
            var insn = instructions[slot];
            RelocationKind? kind = insn switch
            {
                { IsLocalCall: true } => RelocationKind.LocalCall,
                { IsFunctionReference: true } => RelocationKind.FunctionAddress,
                { IsKfuncCall: true } => RelocationKind.KfuncCall,
                { IsMapReference: true } => RelocationKind.Map,
                { IsMapValueReference: true } => RelocationKind.MapValue,
                _ => null,
            };
            if (kind is { } k)
            {
                var symbol = k is RelocationKind.LocalCall or RelocationKind.FunctionAddress
                    ? program.Functions.Select(f => f.Start).ToList().IndexOf(slot + 1 + insn.Imm)
                    : insn.Imm;
                expected.Add(new Relocation(slot, k, symbol));
            }
        }
        program.Relocations.ShouldBe(expected);
        program.Relocations.ShouldAllBe(r => r.Symbol >= 0);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Kfuncs_list_their_calls_and_loops_are_backward_jumps(string name)
    {
        var program = GoldenCases.Find(name).Compile();
        program.Kfuncs.SelectMany(k => k.CallSlots).Order().ShouldBe(
            program.Relocations.Where(r => r.Kind == RelocationKind.KfuncCall).Select(r => r.Slot));
        for (var k = 0; k < program.Kfuncs.Count; k++)
        {
            program.Kfuncs[k].CallSlots.ShouldAllBe(slot => program.Instructions[slot].IsKfuncCall && program.Instructions[slot].Imm == k);
        }
        program.HasLoops.ShouldBe(program.Instructions.Any(i => i.IsJump && i.JumpOffset < 0));
    }
}
