using System.Globalization;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// An independent check of an Allocation against the program it was made for (regalloc2's checker
// idea). It never looks at how the allocator worked, only at its decisions, and replays them
// symbolically: the abstract state maps every register and slot to the set of SSA values it is
// known to hold. Moves copy sets, a definition puts its value in its location (and forgets stale
// copies of it elsewhere, which matters around loops), a call empties r0-r5, and at a join the
// states of the incoming edges meet by intersection; a worklist runs this to a fixed point.
// Every use must find its value in the location the allocation names; every block parameter must
// find its edge's argument in its location once the edge's moves ran, at the position they were
// placed (so a move speculated before a branch that clobbers something the other path needs is
// caught on that path); a tied operation that is not commutative must not have its copy clobber its second source.

/// <summary>Verifies allocations by symbolic replay.</summary>
internal static class AllocationChecker
{
    private const int Registers = VReg.PhysicalCount;

    /// <summary>Every violation found, typed (empty when the allocation is correct).</summary>
    public static List<CheckerError<AllocationErrorKind>> Check(MachineFunction function, Allocation allocation)
    {
        var errors = new List<CheckerError<AllocationErrorKind>>();
        var constants = new Dictionary<long, int>();
        int ConstantId(long bits)
        {
            if (!constants.TryGetValue(bits, out var id))
            {
                constants[bits] = id = function.VRegCount + constants.Count;
            }
            return id;
        }
        string Name(int id) => id < function.VRegCount ? new VReg(id).ToString() : "#" + constants.First(c => c.Value == id).Key.ToString(CultureInfo.InvariantCulture);
        var width = Registers + allocation.SlotCount;
        var entryStates = new HashSet<int>[function.Blocks.Count][];
        var entry = new HashSet<int>[width];
        for (var l = 0; l < width; l++)
        {
            entry[l] = [];
        }
        for (var p = 0; p < function.ParamCount; p++)
        {
            entry[(int)CallingConvention.Argument(p)].Add((int)CallingConvention.Argument(p));
        }
        entryStates[0] = entry;
        var work = new SortedSet<int> { 0 };
        var reported = new HashSet<CheckerError<AllocationErrorKind>>();
        void Error(AllocationErrorKind kind, string where, string message)
        {
            var error = new CheckerError<AllocationErrorKind>(kind, where, message);
            if (reported.Add(error))
            {
                errors.Add(error);
            }
        }
        while (work.Count > 0 && errors.Count < 20)
        {
            var b = function.Blocks[work.Min];
            work.Remove(b.Id);
            var state = Copy(entryStates[b.Id]);
            var replay = new Replay(allocation, state, width, Error, Name, ConstantId);
            foreach (var i in b.Instrs)
            {
                replay.Instruction(b, i);
            }
            replay.Terminator(b);
            for (var t = 0; t < b.Succs.Length; t++)
            {
                var edgeState = replay.Edge(b, t);
                var target = b.Succs[t].Target.Id;
                if (entryStates[target] is null)
                {
                    entryStates[target] = edgeState;
                    work.Add(target);
                }
                else if (Meet(entryStates[target], edgeState))
                {
                    work.Add(target);
                }
            }
        }
        return errors;
    }

    private static HashSet<int>[] Copy(HashSet<int>[] state)
    {
        var copy = new HashSet<int>[state.Length];
        for (var l = 0; l < state.Length; l++)
        {
            copy[l] = [.. state[l]];
        }
        return copy;
    }

    // into = into ∩ other; true when it shrank.
    private static bool Meet(HashSet<int>[] into, HashSet<int>[] other)
    {
        var changed = false;
        for (var l = 0; l < into.Length; l++)
        {
            var before = into[l].Count;
            into[l].IntersectWith(other[l]);
            changed |= into[l].Count != before;
        }
        return changed;
    }

    // Replays one block on a state.
    private sealed class Replay(Allocation allocation, HashSet<int>[] state, int width, Action<AllocationErrorKind, string, string> error, Func<int, string> name, Func<long, int> constantId)
    {
        public void Instruction(MachineBlock b, MachineInstr i)
        {
            var where = $"{b}: [{i.Index}] {i}";
            Moves(allocation.Before[i.Index], where);
            CheckUses(i, where);
            var defs = allocation.Defs[i.Index];
            var uses = allocation.Uses[i.Index];
            if (i.IsTied && !i.IsCommutative && !i.HasImm && i.Uses.Length > 1 && i.Uses[1] != i.Uses[0] && defs[0] != uses[0] && defs[0] == uses[1])
            {
                error(AllocationErrorKind.TiedCopyClobbersSource, where, $"the copy into {defs[0]} for the tied result would clobber the second source");
            }
            if (i.Opcode == MachineOpcode.Call)
            {
                for (var r = 0; r <= CallingConvention.LastClobbered; r++)
                {
                    state[r].Clear();
                }
            }
            for (var k = 0; k < i.Defs.Length; k++)
            {
                var at = Index(defs[k], where);
                if (at < 0)
                {
                    continue;
                }
                var value = i.Defs[k].Index;
                var set = i.Opcode == MachineOpcode.Copy && Index(uses[0], where) is var src and >= 0 ? [.. state[src]] : new HashSet<int>();
                Forget(value);
                set.Add(value);
                state[at] = set;
            }
            Moves(allocation.After[i.Index], where);
        }

        public void Terminator(MachineBlock b)
        {
            var i = b.Terminator;
            var where = $"{b}: [{i.Index}] {i}";
            Moves(allocation.Before[i.Index], where);
            for (var t = 0; t < b.Succs.Length; t++)
            {
                if (allocation.Edges[b.Id][t] is { Placement: EdgePlacement.PredecessorEnd } moves)
                {
                    Moves(moves.Steps, $"{where}: edge {t}");
                }
            }
            CheckUses(i, where);
        }

        public HashSet<int>[] Edge(MachineBlock b, int t)
        {
            var saved = Copy(state);
            var edge = b.Succs[t];
            var where = $"{b}: edge {t} -> {edge.Target}";
            if (allocation.Edges[b.Id][t] is { Placement: not EdgePlacement.PredecessorEnd } moves)
            {
                Moves(moves.Steps, where);
            }
            var homes = allocation.Params[edge.Target.Id];
            for (var k = 0; k < edge.Args.Length; k++)
            {
                var arg = edge.Args[k];
                var expected = arg.IsImm ? constantId(arg.Imm) : arg.Reg.Index;
                var at = Index(homes[k], where);
                if (at >= 0 && !state[at].Contains(expected))
                {
                    error(AllocationErrorKind.ParameterNotInLocation, where, $"parameter {edge.Target.Params[k]} in {homes[k]} should hold {name(expected)}, holds {Describe(at)}");
                }
            }
            foreach (var p in edge.Target.Params)
            {
                Forget(p.Index);
            }
            for (var k = 0; k < edge.Args.Length; k++)
            {
                if (Index(homes[k], where) is var at and >= 0)
                {
                    state[at].Add(edge.Target.Params[k].Index);
                }
            }
            var result = state;
            state = saved;
            return result;
        }

        private void CheckUses(MachineInstr i, string where)
        {
            var uses = allocation.Uses[i.Index];
            for (var k = 0; k < i.Uses.Length; k++)
            {
                if (!uses[k].IsRegister)
                {
                    error(AllocationErrorKind.OperandNotInRegister, where, $"operand {i.Uses[k]} is read from {uses[k]}, not a register");
                    continue;
                }
                var at = Index(uses[k], where);
                if (at >= 0 && !state[at].Contains(i.Uses[k].Index))
                {
                    error(AllocationErrorKind.ValueNotInLocation, where, $"{i.Uses[k]} read from {uses[k]}, which holds {Describe(at)}");
                }
            }
        }

        private void Moves(MoveStep[] steps, string where)
        {
            foreach (var m in steps)
            {
                if (!m.IsEncodable)
                {
                    error(AllocationErrorKind.MoveNotEncodable, where, $"move {m} is not one instruction");
                }
                var to = Index(m.Destination, where);
                if (to < 0)
                {
                    continue;
                }
                state[to] = m.Source.IsConstant
                    ? [constantId(m.Source.Value)]
                    : Index(m.Source, where) is var from and >= 0 ? [.. state[from]] : [];
            }
        }

        private void Forget(int value)
        {
            foreach (var set in state)
            {
                set.Remove(value);
            }
        }

        private int Index(Location l, string where)
        {
            var index = l.Kind switch
            {
                LocationKind.Register when l.Value is >= 0 and < Registers => (int)l.Value,
                LocationKind.Slot when l.Value >= 0 && l.Value < width - Registers => Registers + (int)l.Value,
                _ => -1,
            };
            if (index < 0)
            {
                error(AllocationErrorKind.LocationOutsideFrame, where, $"{l} is not a register or slot of this frame");
            }
            return index;
        }

        private string Describe(int at) =>
            state[at].Count == 0 ? "nothing" : "{" + string.Join(", ", state[at].Order().Select(name)) + "}";
    }
}
