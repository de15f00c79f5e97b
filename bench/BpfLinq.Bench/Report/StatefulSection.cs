using BpfLinq.Compiler.Isa;
using BpfLinq.Maps;
using BpfLinq.Runtime;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The rows with maps, subprograms and loops (<see cref="StatefulFilters"/>): BpfLinq's build loads
/// with its maps (<see cref="BpfMaps"/>), the C twin is linked by <see cref="ClangObject"/> and gets
/// maps of its own; a table (the blocklist) is filled identically in both and in the managed model.
/// Frames run in the same order through the three, so counters evolve alike; every verdict must agree.
/// </summary>
internal static class StatefulSection
{
    /// <summary>Builds, checks and times every stateful filter.</summary>
    public static SectionResult Run()
    {
        var rows = new List<ReportRow>();
        var notes = new List<string>();
        var mismatches = new List<string>();
        foreach (var c in StatefulFilters.All)
        {
            var kind = c.Filter.Kind;
            var linked = ClangPeer.CompileLinked(c.Twin, kind);
            var clangMaps = linked.Maps.Select(m => BpfMap.Create(new MapCreateOptions
            {
                Type = (MapType)m.Type, KeySize = m.KeySize, ValueSize = m.ValueSize, MaxEntries = m.MaxEntries, Flags = (MapFlags)m.Flags,
            })).ToList();
            try
            {
                var instructions = linked.Instructions.ToArray();
                foreach (var (slot, map) in linked.MapLoads)
                {
                    var pair = Insn.LdMapFd(instructions[slot].Dst, clangMaps[map].Fd);
                    (instructions[slot], instructions[slot + 1]) = (pair.First, pair.Second);
                }
                using var clang = KernelRuns.Load(kind, instructions, "clang");
                using var ourMaps = new BpfMaps();
                var compiled = c.Filter.Compile();
                using var ours = compiled.Load(ourMaps);
                foreach (var map in compiled.Maps)
                {
                    map.ClearManaged();
                }
                if (c.Table is { } table)
                {
                    foreach (var (key, value) in c.Entries)
                    {
                        ourMaps[table].Update(key, value);
                        clangMaps[0].Update(key, value);
                        Fill(table, key);
                    }
                }
                var (run, wrong) = (0, 0);
                foreach (var frame in PacketFrames.All)
                {
                    if (PacketSection.Refusal(kind, frame.Bytes) is not null)
                    {
                        continue;
                    }
                    var input = PacketSection.Input(kind, frame.Bytes);
                    var expected = (uint)c.Filter.Evaluate(frame.Bytes);
                    var (mine, theirs) = (KernelRuns.Run(ours, input), KernelRuns.Run(clang, input));
                    run++;
                    if ((mine != expected || theirs != expected) && ++wrong <= 3)
                    {
                        mismatches.Add($"{c.Filter.Name} on '{frame.Name}': managed model 0x{expected:x}, clang 0x{theirs:x}, BpfLinq 0x{mine:x}");
                    }
                }
                var (ourNs, clangNs) = KernelRuns.Time(ours, clang, PacketSection.Input(kind, PacketFrames.Named(c.Filter.TimedOn)));
                rows.Add(new ReportRow(c.Filter.Name, kind,
                    new Figures(compiled.Instructions.Length, ours.GetInfo().VerifiedInsns, ourNs!.Value),
                    null,
                    new Figures(linked.Instructions.Length, clang.GetInfo().VerifiedInsns, clangNs),
                    [$"{run}", c.Twin + ".c"]));
            }
            finally
            {
                clangMaps.ForEach(m => m.Dispose());
            }
        }
        notes.Add("subprogram_inlined is subprogram with FunctionInlining.Always, against the same C (two calls of a noinline function): the price of a BPF-to-BPF call");
        notes.Add("payload_sum_bpf_loop is payload_sum with LoopStrategy.Callback: the same C twin (clang unrolls its loop); its row prices bpf_loop's per-iteration indirect call");
        return new SectionResult(rows, notes, mismatches);
    }

    // The managed model's copy of a table entry (the blocklist's values are all 1).
    private static void Fill(MapDefinition table, byte[] key)
    {
        if (table is HashMap<uint, byte> hash)
        {
            hash.Update(BitConverter.ToUInt32(key), 1);
        }
    }
}
