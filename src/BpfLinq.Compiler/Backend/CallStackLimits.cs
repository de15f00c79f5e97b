using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The kernel's limits on a call chain, checked where the call graph and every frame are known: at
/// most <see cref="MaxFrames"/> frames (the program, each subprogram and each <c>bpf_loop</c>
/// callback is one) and <see cref="FrameLayout.MaxStackSize"/> bytes of stack along any chain, each
/// frame rounded up to 16 bytes as the verifier counts it for a JIT-compiled program
/// (<c>check_max_stack_depth</c>; a kernel running the interpreter instead counts in 32-byte steps
/// and may refuse a chain close to the limit). A chain over either would be refused when it loads;
/// here it is a compile error naming the chain, each frame's size, and the call that passes the limit.
/// </summary>
internal static class CallStackLimits
{
    /// <summary>The kernel's MAX_CALL_FRAMES.</summary>
    public const int MaxFrames = 8;

    private const int FrameGranularity = 16;

    /// <summary>A call edge: the callee and the slot (in the caller) that calls it or takes its address.</summary>
    private readonly record struct Call(int Callee, int Slot);

    /// <summary>Nothing when every chain from the first function fits; otherwise the error and the call it points at.</summary>
    public static (CompileError Error, SourceRef? At)? Check(IReadOnlyList<MachineCode> codes, IReadOnlyList<string> names)
    {
        if (codes.Count == 1)
        {
            return null; // one frame, which the frame layout already kept within 512 bytes
        }
        var calls = codes.Select(c => c.Relocations
            .Where(r => r.Kind is RelocationKind.LocalCall or RelocationKind.FunctionAddress)
            .Select(r => new Call(r.Symbol, r.Slot)).ToArray()).ToArray();
        var deepest = Longest(calls, _ => 1);
        var deepestChain = Chain(deepest, calls);
        if (deepestChain.Count > MaxFrames)
        {
            return Report(codes, names, deepestChain, MaxFrames,
                $"is {deepestChain.Count} frames deep; the kernel allows {MaxFrames}");
        }
        var heaviest = Longest(calls, f => FrameBytes(codes[f]));
        var heaviestChain = Chain(heaviest, calls);
        var total = heaviestChain.Sum(f => FrameBytes(codes[f.Function]));
        if (total > FrameLayout.MaxStackSize)
        {
            var running = 0;
            var passing = heaviestChain.FindIndex(f => (running += FrameBytes(codes[f.Function])) > FrameLayout.MaxStackSize);
            return Report(codes, names, heaviestChain, passing,
                $"needs {total} bytes of stack; the kernel allows {FrameLayout.MaxStackSize} along a call chain");
        }
        return null;
    }

    // The verifier's round_up(depth, 16) for a frame of a JIT-compiled program.
    private static int FrameBytes(MachineCode code) => (code.StackSize + FrameGranularity - 1) / FrameGranularity * FrameGranularity;

    // For each function, the largest sum of weights along a chain from it, and the call that continues
    // that chain. Recursion is refused by the front end, so the call graph is acyclic.
    private static (int Total, Call? Next)[] Longest(Call[][] calls, Func<int, int> weight)
    {
        var best = new (int Total, Call? Next)?[calls.Length];
        var work = new Stack<(int Function, bool Expanded)>([(0, false)]);
        while (work.Count > 0)
        {
            var (f, expanded) = work.Pop();
            if (best[f] is not null)
            {
                continue;
            }
            if (!expanded)
            {
                work.Push((f, true));
                foreach (var call in calls[f].Where(c => best[c.Callee] is null))
                {
                    work.Push((call.Callee, false));
                }
                continue;
            }
            var next = calls[f].Select(c => (Call?)c).MaxBy(c => best[c!.Value.Callee]?.Total ?? 0);
            best[f] = (weight(f) + (next is { } n ? best[n.Callee]!.Value.Total : 0), next);
        }
        return [.. best.Select(b => b ?? (0, null))];
    }

    // The chain from the first function along the recorded calls: each frame and the call that entered it.
    private static List<(int Function, Call? Entered)> Chain((int Total, Call? Next)[] longest, Call[][] calls)
    {
        var chain = new List<(int Function, Call? Entered)> { (0, null) };
        for (var next = longest[0].Next; next is { } call; next = longest[call.Callee].Next)
        {
            chain.Add((call.Callee, call));
        }
        return chain;
    }

    private static (CompileError, SourceRef?) Report(
        IReadOnlyList<MachineCode> codes, IReadOnlyList<string> names, List<(int Function, Call? Entered)> chain, int passing, string problem)
    {
        var frames = string.Join(" -> ", chain.Select(f => $"{names[f.Function]} ({codes[f.Function].StackSize} bytes)"));
        var caller = chain[passing - 1].Function;
        var at = chain[passing].Entered is { } call ? codes[caller].Sources[call.Slot] : null;
        return (CompileErrors.CallChainTooLong(
            $"the call chain {frames} {problem} (the program, each BpfFunction subprogram and each bpf_loop callback is a frame; "
            + $"the verifier counts each frame's stack in steps of {FrameGranularity} bytes)"), at);
    }
}
