using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

// The back end, in order:
//   InstructionSelection   IR -> MachineFunction (virtual registers, block parameters)
//   TiedSinking            dst op= src sinks below src's other readers, so src can die there
//   RegisterAllocator      registers, slots, spill code and edge moves, as decisions
//   AllocationChecker      (when asked) replays the decisions against the machine code
//   FrameLayout            slots -> r10 offsets
//   Emitter                allocated code -> symbolic instructions, laid out
//   RedundantMoves         moves of a constant a register already holds on every path go
//   BranchResolver         labels -> offsets, far jumps -> gotol; symbol references -> relocations
// ProgramLinker then lays the functions out and resolves the relocations.
// Deterministic: no dictionary order, no time, no addresses reach the output.

/// <summary>Generates eBPF instructions for an IR function.</summary>
internal static class CodeGenerator
{
    /// <summary>Compiles <paramref name="function"/> (a verified IR function) to machine code.</summary>
    /// <exception cref="InternalCompilerError">A phase failed or the allocation checker refuted the allocation.</exception>
    public static MachineCode Generate(Function function, BackendOptions options)
    {
        var machine = InstructionSelection.Select(function);
        TiedSinking.Apply(machine);
        options.Trace?.Invoke("> after instruction selection:\n" + machine);
        var allocation = RegisterAllocator.Allocate(machine);
        options.Trace?.Invoke("> after register allocation:\n" + allocation.Print(machine));
        if (options.CheckAllocation)
        {
            var errors = AllocationChecker.Check(machine, allocation);
            if (errors.Count > 0)
            {
                throw new InternalCompilerError("register allocation", function.Name,
                    "the allocation checker refutes the allocation: " + string.Join("; ", errors),
                    machine + "\n" + allocation.Print(machine));
            }
        }
        var frame = FrameLayout.Create(allocation.SlotCount, function.Name, machine.FrameBufferBytes);
        var (items, labels) = Emitter.Emit(machine, allocation, frame);
        (items, labels) = RedundantMoves.Remove(items, labels);
        var code = new MachineCode(BranchResolver.Resolve(items, labels), machine, allocation, frame.StackSize);
        options.Trace?.Invoke("> machine code:\n" + code.Disassemble());
        return code;
    }
}
