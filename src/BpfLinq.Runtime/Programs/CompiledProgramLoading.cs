using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime.Native;

namespace BpfLinq;

/// <summary>
/// Loads compiled lambdas into the kernel. A compiled program the verifier rejects is a BpfLinq bug
/// (the compiler promises "if it compiles, it loads"): the rejection is reported as an
/// <see cref="InternalCompilerError"/> that names the C# expression the failing instruction came from,
/// with the kernel's <see cref="BpfVerifierException"/> (summary and full log) as its cause.
/// </summary>
public static class CompiledProgramLoading
{
    /// <summary>Loads a compiled program (program type and attach type from its kind).</summary>
    /// <exception cref="InternalCompilerError">The verifier rejected BpfLinq's code.</exception>
    /// <exception cref="BpfVerifierException">The user's to fix: a hand-built loop the verifier could not bound, a raw
    /// return value outside what the kind allows (cgroup_skb: 0 or 1), or a <c>Bpf.CallHelper</c> call the verifier refuses.</exception>
    /// <exception cref="BpfException">Any other kernel error (missing privileges, limits).</exception>
    public static BpfProgram Load(this CompiledProgram program) => program.Load(maps: null);

    /// <summary>
    /// Loads a compiled program with its maps taken from (and created in) <paramref name="maps"/>, so
    /// programs loaded with the same set share them; with null, the program gets its own set, which
    /// it disposes (see <see cref="BpfProgram.Maps"/>). Kfuncs are resolved by name in the running
    /// kernel's BTF.
    /// </summary>
    /// <exception cref="InternalCompilerError">The verifier rejected BpfLinq's code.</exception>
    /// <exception cref="KfuncNotFoundException">The running kernel lacks a kfunc the program calls.</exception>
    /// <exception cref="BpfVerifierException">A hand-built loop the verifier could not bound, a raw return value outside the kind's range, or a <c>Bpf.CallHelper</c> call the verifier refuses.</exception>
    /// <exception cref="BpfException">Any other kernel error (missing privileges, limits).</exception>
    public static BpfProgram Load(this CompiledProgram program, BpfMaps? maps)
    {
        ArgumentNullException.ThrowIfNull(program);
        var owned = maps is null ? new BpfMaps() : null;
        try
        {
            var set = maps ?? owned!;
            var loaded = LoadWith(program, set);
            loaded.UseMaps(set, owned is not null);
            return loaded;
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    private static BpfProgram LoadWith(CompiledProgram program, BpfMaps maps)
    {
        // Leases, not numbers: a map disposed (with its set) during the load must not be replaced
        // in fd_array by whatever object reuses its number.
        var leases = new List<DescriptorLease>(program.Maps.Count);
        try
        {
            foreach (var map in program.Maps)
            {
                leases.Add(maps.GetOrCreate(map).Borrow());
            }
            return LoadWith(program, [.. leases.Select(lease => lease.Fd)]);
        }
        finally
        {
            leases.ForEach(lease => lease.Dispose());
        }
    }

    private static BpfProgram LoadWith(CompiledProgram program, int[] fds)
    {
        var instructions = ResolveKfuncs(program);
        using var btf = program.Btf.IsEmpty ? null : BtfObject.Load(program.Btf.Span);
        try
        {
            return BpfProgram.Load(new ProgramLoadOptions
            {
                Type = program.Kind.ProgramType(),
                ExpectedAttachType = program.Kind.ExpectedAttachType(),
                Instructions = instructions,
                Name = program.Name,
                License = "GPL",
                FdArray = fds,
                ProgBtf = btf,
                FuncInfo = btf is null ? default : program.FuncInfo.AsMemory(),
                LineInfo = btf is null ? default : program.LineInfo.AsMemory(),
            });
        }
        catch (BpfVerifierException e) when (LoopNotBounded(program, e))
        {
            throw new BpfVerifierException(
                $"the kernel verifier could not follow every iteration of a loop in `{program.LambdaText}` ({program.Kind}){Where(program, e)}: {e.Summary}. "
                + "Bound the loop by a constant (i < 16) or by a masked value (i < (n & 31)), and keep iterations x body well under one million instructions; "
                + "a Bpf.Any, FirstIndex or Fold loop whose body reads the packet at the loop index walks far more: give it LoopStrategy.Auto or Callback (bpf_loop, verified once)",
                e.Errno, e.Command ?? BpfCommand.ProgLoad, e.Operation, e.Summary, e.Log, e.InstructionIndex, e.LogTruncated);
        }
        catch (BpfVerifierException e) when (!program.ReturnsVerdict && e.Summary.Contains("At program exit the register R0", StringComparison.Ordinal))
        {
            throw new BpfVerifierException(
                $"a {program.Kind} program may only return some values, and the verifier cannot prove that `{program.LambdaText}` returns one of them: {e.Summary}. "
                + "Return a Verdict with Bpf.Filter, or make the range of the raw value evident (x & 1, a conditional between allowed constants)",
                e.Errno, e.Command ?? BpfCommand.ProgLoad, e.Operation, e.Summary, e.Log, e.InstructionIndex, e.LogTruncated);
        }
        catch (BpfVerifierException e) when (RejectedRawHelperCall(program, e) is { } call)
        {
            throw new BpfVerifierException(
                $"the kernel verifier rejected the helper call `{call.Text}` ({call.Path}) in `{program.LambdaText}` ({program.Kind}) at instruction {e.InstructionIndex}: {e.Summary}. "
                + "The arguments of a helper called by id are the caller's to get right: check the helper's signature in the kernel's bpf.h, and that the program kind may call it",
                e.Errno, e.Command ?? BpfCommand.ProgLoad, e.Operation, e.Summary, e.Log, e.InstructionIndex, e.LogTruncated);
        }
        catch (BpfVerifierException e)
        {
            throw new InternalCompilerError(
                $"BpfLinq internal compiler error (a bug in BpfLinq, please report it): the kernel verifier rejected the code compiled from `{program.LambdaText}` for {program.Kind}{Where(program, e)}: {e.Summary}\n{program.Disassemble()}",
                e);
        }
    }

    // A kfunc call's immediate is its index in program.Kfuncs until here, where it becomes the BTF id.
    private static Insn[] ResolveKfuncs(CompiledProgram program)
    {
        var instructions = program.Instructions.ToArray();
        foreach (var kfunc in program.Kfuncs)
        {
            var btfId = KernelBtf.Running.Kfuncs.Resolve(kfunc.Name).BtfId;
            foreach (var slot in kfunc.CallSlots)
            {
                instructions[slot] = instructions[slot].WithImm(btfId);
            }
        }
        return instructions;
    }

    private static string Where(CompiledProgram program, BpfVerifierException e) =>
        e.InstructionIndex is int slot && program.SourceOf(slot) is { } source
            ? $" at instruction {slot}, compiled from `{source.Text}` ({source.Path})"
            : "";

    /// <summary>Compiles a lambda for a kind (its default kind when null) and loads it.</summary>
    /// <exception cref="BpfCompileException">The lambda cannot be compiled for that kind.</exception>
    /// <exception cref="InternalCompilerError">The verifier rejected BpfLinq's code.</exception>
    /// <exception cref="BpfVerifierException">A hand-built loop the verifier could not bound, a raw return value outside the kind's range, or a <c>Bpf.CallHelper</c> call the verifier refuses.</exception>
    public static BpfProgram Load<TContext>(this BpfFilter<TContext> filter, ProgramKind? kind = null)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Compile(kind).Load();
    }

    // Bpf.CallHelper is the escape hatch: the compiler passes its scalars as written, so a rejection
    // at that call (wrong argument types, a helper the kind may not call) is the caller's.
    private static SourceExpression? RejectedRawHelperCall(CompiledProgram program, BpfVerifierException e) =>
        e.InstructionIndex is int slot && slot < program.Instructions.Length && program.Instructions[slot].IsHelperCall
            && program.SourceOf(slot) is { } source && source.Text.StartsWith("Bpf.CallHelper(", StringComparison.Ordinal)
            ? source
            : null;

    // A loop the verifier cannot bound is the one rejection that is the user's: the compiler emits
    // loops as written (a back edge), and only the verifier's walk decides whether it ends in time.
    // The walk ends in one of these ways: its budget of instructions, a state seen before, a back
    // edge it refuses, or too many branches left to explore (one per iteration of a body that
    // branches on unknown values). The summary is one line; the log is searched too, as the line
    // that gives up may not be the one the summary picks.
    private static readonly string[] s_loopNotBounded = ["BPF program is too large", "infinite loop detected", "back-edge from insn", "jumps is too complex"];

    private static bool LoopNotBounded(CompiledProgram program, BpfVerifierException e) =>
        program.HasLoops && s_loopNotBounded.Any(m => e.Summary.Contains(m, StringComparison.Ordinal) || e.Log.Contains(m, StringComparison.Ordinal));
}
