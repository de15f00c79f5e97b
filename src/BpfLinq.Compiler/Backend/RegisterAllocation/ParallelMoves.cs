using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Sequentialising a parallel move (all sources read, then all destinations written), as at a
// control-flow edge that binds block parameters: QBE's pmov idea, extended to stack slots and
// constants, for an ISA with no exchange instruction.
//
//   1. Emit every move whose destination no pending move still reads; repeat. Constants and
//      registers feeding several destinations are fine: a source stays readable until its last
//      reader has gone.
//   2. When nothing can go, every pending destination is some pending move's source: the moves
//      form cycles (with trees hanging off). Copy one destination's current value into a free
//      register, redirect its readers there, and go back to 1: the whole cycle now unwinds.
//   3. A slot-to-slot move (or a constant too wide for st) needs a register in between.
// "Free" means: not live across the moves (busy), not a pending source, and not already holding
// its final value. When no register is free (all ten hold something), the stack steps in: a cycle
// is broken through emergency slot 0, and a register is borrowed for a slot-to-slot move by saving
// it to emergency slot 1 and restoring it after. A borrowed register is always one holding a
// value, so the verifier never sees a read of an uninitialised register.

/// <summary>Turns a parallel move into a sequence of single moves.</summary>
internal static class ParallelMoves
{
    /// <summary>
    /// Sequentialises <paramref name="moves"/> (distinct destinations) into <paramref name="output"/>.
    /// </summary>
    /// <param name="moves">The parallel move; identity moves are dropped.</param>
    /// <param name="busy">Registers (bit per register) whose values must survive but that no move mentions.</param>
    /// <param name="emergencySlot">Gives the slot index of emergency slot 0 or 1, reserving it on first use.</param>
    /// <param name="output">Receives the moves in execution order; each is <see cref="MoveStep.IsEncodable"/>.</param>
    /// <exception cref="ArgumentException">Two moves write the same destination, or a destination is a constant.</exception>
    public static void Sequentialize(IReadOnlyList<MoveStep> moves, int busy, Func<int, int> emergencySlot, List<MoveStep> output)
    {
        var pending = new List<MoveStep>(moves.Count);
        var done = 0; // registers already holding their final value
        for (var i = 0; i < moves.Count; i++)
        {
            var m = moves[i];
            if (m.Destination.IsConstant || m.Destination.Kind == LocationKind.None)
            {
                throw new ArgumentException($"cannot move into {m.Destination}", nameof(moves));
            }
            if (WritesTo(pending, m.Destination))
            {
                throw new ArgumentException($"{m.Destination} is written twice", nameof(moves));
            }
            if (m.Destination != m.Source)
            {
                pending.Add(m);
            }
            else if (m.Destination.IsRegister)
            {
                done |= Bit(m.Destination.Reg);
            }
        }
        while (pending.Count > 0)
        {
            var progress = false;
            for (var k = 0; k < pending.Count; k++)
            {
                var m = pending[k];
                if (IsRead(pending, m.Destination, k))
                {
                    continue;
                }
                pending.RemoveAt(k--);
                Emit(m, busy | done | SourceRegisters(pending), emergencySlot, output);
                if (m.Destination.IsRegister)
                {
                    done |= Bit(m.Destination.Reg);
                }
                progress = true;
            }
            if (!progress)
            {
                BreakCycle(pending, busy | done, emergencySlot, output);
            }
        }
    }

    private static void BreakCycle(List<MoveStep> pending, int occupied, Func<int, int> emergencySlot, List<MoveStep> output)
    {
        // Prefer saving a register: then the copy is one instruction even through the stack.
        var victim = pending.Find(p => p.Destination.IsRegister);
        var saved = victim.Destination.Kind == LocationKind.None ? pending[0].Destination : victim.Destination;
        var taken = occupied | SourceRegisters(pending);
        var temp = FreeRegister(taken) is { } free ? Location.In(free) : Location.Slot(emergencySlot(0));
        Emit(new MoveStep(temp, saved), taken, emergencySlot, output);
        for (var k = 0; k < pending.Count; k++)
        {
            if (pending[k].Source == saved)
            {
                pending[k] = pending[k] with { Source = temp };
            }
        }
    }

    // Emits one move; `taken` are the registers that must not be clobbered at this point.
    private static void Emit(MoveStep move, int taken, Func<int, int> emergencySlot, List<MoveStep> output)
    {
        if (move.IsEncodable)
        {
            output.Add(move);
            return;
        }
        if (FreeRegister(taken | SourceBit(move)) is { } free)
        {
            output.Add(new MoveStep(Location.In(free), move.Source));
            output.Add(new MoveStep(move.Destination, Location.In(free)));
            return;
        }
        // Every register holds something: borrow one (it has a value, so saving it is legal).
        var borrowed = Location.In(FirstRegister(taken & ~SourceBit(move)));
        var save = Location.Slot(emergencySlot(1));
        output.Add(new MoveStep(save, borrowed));
        output.Add(new MoveStep(borrowed, move.Source));
        output.Add(new MoveStep(move.Destination, borrowed));
        output.Add(new MoveStep(borrowed, save));
    }

    private static bool IsRead(List<MoveStep> pending, Location location, int except)
    {
        for (var k = 0; k < pending.Count; k++)
        {
            if (k != except && pending[k].Source == location)
            {
                return true;
            }
        }
        return false;
    }

    private static int SourceRegisters(List<MoveStep> pending)
    {
        var mask = 0;
        foreach (var p in pending)
        {
            mask |= SourceBit(p);
        }
        return mask;
    }

    private static bool WritesTo(List<MoveStep> pending, Location destination)
    {
        for (var k = 0; k < pending.Count; k++)
        {
            if (pending[k].Destination == destination)
            {
                return true;
            }
        }
        return false;
    }

    private static int SourceBit(MoveStep m) => m.Source.IsRegister ? Bit(m.Source.Reg) : 0;

    private static int Bit(Reg reg) => 1 << (int)reg;

    private static Reg? FreeRegister(int taken)
    {
        foreach (var r in CallingConvention.AllocationOrder)
        {
            if ((taken & Bit(r)) == 0)
            {
                return r;
            }
        }
        return null;
    }

    private static Reg FirstRegister(int mask)
    {
        foreach (var r in CallingConvention.AllocationOrder)
        {
            if ((mask & Bit(r)) != 0)
            {
                return r;
            }
        }
        throw new InvalidOperationException("no register holds a value to borrow");
    }
}
