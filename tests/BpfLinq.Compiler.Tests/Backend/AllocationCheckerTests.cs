using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// The checker must refute wrong allocations, not just accept right ones: each test breaks one
/// decision of a correct allocation the way an allocator bug would, and expects the complaint.
/// </summary>
public sealed class AllocationCheckerTests
{
    private const string Ternary = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0
          v2 = cmp.ult.i32 v1, 6
          condbr v2, b2, b1
        b1: <- b0
          br b2
        b2: <- b0 b1
          v3 = phi.i64 [b0: 0xffffffff], [b1: 0]
          ret v3
        """;

    private const string CallKeepsContext = """
        func f(v0: ctxptr) -> i64
        b0:
          v1 = call.i64 7()
          v2 = load.i64.u32 v0, 8
          v3 = add.i64 v1, v2
          ret v3
        """;

    private const string Subtract = """
        func f(v0: ctxptr) -> i64
        b0:
          v1 = load.i64.u64 v0, 48
          v2 = load.i64.u64 v0, 56
          v3 = sub.i64 v1, v2
          v4 = add.i64 v3, v1
          ret v4
        """;

    [Fact]
    public void Correct_allocations_pass()
    {
        foreach (var ir in new[] { Ternary, CallKeepsContext, Subtract })
        {
            var code = Backend.Compile(ir);
            AllocationChecker.Check(code.Function, code.Allocation).ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_use_read_from_a_register_that_does_not_hold_it_is_refuted()
    {
        var code = Backend.Compile(Subtract);
        var sub = Instr(code, MachineOpcode.Alu, AluOp.Sub);
        code.Allocation.Uses[sub.Index][1] = Location.In(Reg.R9);
        AllocationChecker.Check(code.Function, code.Allocation).ShouldContain(e => e.Kind == AllocationErrorKind.ValueNotInLocation && e.Location.Contains($": [{sub.Index}] ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_left_in_a_register_the_call_clobbers_is_refuted()
    {
        var code = Backend.Compile(CallKeepsContext);
        var context = code.Function.Blocks[0].Instrs[0].Defs[0]; // %v = copy r1
        Relocate(code, context, Location.In(Reg.R2));
        AllocationChecker.Check(code.Function, code.Allocation).ShouldContain(e => e.Kind == AllocationErrorKind.ValueNotInLocation);
    }

    [Fact]
    public void A_tied_copy_that_overwrites_the_second_source_is_refuted()
    {
        var code = Backend.Compile(Subtract);
        var sub = Instr(code, MachineOpcode.Alu, AluOp.Sub);
        code.Allocation.Defs[sub.Index][0] = code.Allocation.Uses[sub.Index][1];
        AllocationChecker.Check(code.Function, code.Allocation).ShouldContain(e => e.Kind == AllocationErrorKind.TiedCopyClobbersSource && e.Location.Contains($": [{sub.Index}] ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_speculated_move_that_clobbers_the_other_path_is_refuted()
    {
        var code = Backend.Compile(Ternary);
        var entry = code.Function.Blocks[0];
        var edges = code.Allocation.Edges[entry.Id];
        edges.Count(e => e?.Placement == EdgePlacement.PredecessorEnd).ShouldBe(1, "one side is speculated");
        var split = Array.FindIndex(edges, e => e?.Placement == EdgePlacement.Split);
        edges[split] = edges[split]! with { Placement = EdgePlacement.PredecessorEnd };
        AllocationChecker.Check(code.Function, code.Allocation).ShouldContain(e => e.Kind == AllocationErrorKind.ParameterNotInLocation && e.Location.StartsWith($"{entry}: edge", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_spill_store_is_refuted()
    {
        var code = Backend.Compile(RegisterPressureTests.ManyLiveValuesAcrossCalls(14));
        var storing = Array.FindIndex(code.Allocation.After, moves => moves.Length > 0);
        storing.ShouldBeGreaterThanOrEqualTo(0, "the program spills");
        code.Allocation.After[storing] = [];
        AllocationChecker.Check(code.Function, code.Allocation).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_parameter_in_the_wrong_place_is_refuted()
    {
        var code = Backend.Compile(Ternary);
        var join = code.Function.Blocks.Single(b => b.Params.Count == 1);
        code.Allocation.Params[join.Id][0] = Location.In(Reg.R5);
        AllocationChecker.Check(code.Function, code.Allocation).ShouldContain(e => e.Kind == AllocationErrorKind.ParameterNotInLocation && e.Location.EndsWith($"-> {join}", StringComparison.Ordinal));
    }

    private static MachineInstr Instr(MachineCode code, MachineOpcode opcode, AluOp op) =>
        code.Function.Blocks.SelectMany(b => b.Instrs).Single(i => i.Opcode == opcode && i.AluOp == op);

    // Moves every occurrence of a register to another location, as a consistent but wrong coloring would.
    private static void Relocate(MachineCode code, VReg reg, Location to)
    {
        foreach (var i in code.Function.Blocks.SelectMany(b => b.AllInstrs()))
        {
            for (var k = 0; k < i.Uses.Length; k++)
            {
                if (i.Uses[k] == reg)
                {
                    code.Allocation.Uses[i.Index][k] = to;
                }
            }
            for (var k = 0; k < i.Defs.Length; k++)
            {
                if (i.Defs[k] == reg)
                {
                    code.Allocation.Defs[i.Index][k] = to;
                }
            }
        }
    }
}
