using System.Diagnostics;
using System.Text;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq;

// Kernel helpers as intrinsics. Each compiles to one helper call with the argument kinds the
// kernel's prototype demands (stack buffers, constant sizes, read-only strings) and runs in .NET
// with the kernel's results, so Evaluate agrees with the kernel wherever the helper is deterministic.
public static partial class Bpf
{
    /// <summary>
    /// Evaluates <paramref name="effect"/>, then <paramref name="result"/>, and returns the result: the
    /// sequencing combinator that lets an expression lambda (which cannot hold statements) run map
    /// updates and other effects: <c>Bpf.Then(counts.Increment(key), Pass)</c>.
    /// </summary>
    /// <typeparam name="TEffect">The effect's type (its value is discarded).</typeparam>
    /// <typeparam name="TResult">The result's type.</typeparam>
    /// <param name="effect">Evaluated first, for its effect.</param>
    /// <param name="result">Evaluated second; the value of the whole expression.</param>
    public static TResult Then<TEffect, TResult>(TEffect effect, TResult result) => result;

    /// <summary>Nanoseconds since boot, CLOCK_MONOTONIC (<c>bpf_ktime_get_ns</c>); in .NET, the same clock through <see cref="Stopwatch"/>.</summary>
    public static ulong KtimeGetNs() => (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>A pseudo-random number (<c>bpf_get_prandom_u32</c>); in .NET, <see cref="Random.Shared"/>.</summary>
    public static uint GetPrandomU32() => (uint)Random.Shared.NextInt64(0, 1L << 32);

    /// <summary>The CPU the program runs on (<c>bpf_get_smp_processor_id</c>); in .NET, <see cref="Thread.GetCurrentProcessorId"/>.</summary>
    public static uint GetSmpProcessorId() => (uint)Thread.GetCurrentProcessorId();

    /// <summary>
    /// Copies <paramref name="length"/> bytes of the packet at <paramref name="offset"/> (offset 0 as
    /// <see cref="SkBuff.Packet"/> documents) into a stack buffer (<c>bpf_skb_load_bytes</c>). As the
    /// helper, the buffer is all zeros when any byte lies outside the packet. The buffer is NUL-padded
    /// to a multiple of 8 bytes past <paramref name="length"/>, so it is also a C string; use it
    /// directly as an argument of <see cref="Strncmp"/> or <see cref="Strcmp"/>.
    /// </summary>
    /// <param name="skb">The program's context.</param>
    /// <param name="offset">The first byte.</param>
    /// <param name="length">A constant from 1 to 256.</param>
    public static byte[] LoadBytes(this SkBuff skb, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(skb);
        var buffer = new byte[length];
        if (skb.Packet.TrySlice(offset, length, out var bytes))
        {
            bytes.CopyTo(buffer);
        }
        return buffer;
    }

    /// <summary>
    /// Compares at most <paramref name="length"/> bytes of <paramref name="bytes"/> with the constant
    /// string <paramref name="text"/> as C's <c>strncmp</c> does (<c>bpf_strncmp</c>; the string lives
    /// in the program's read-only data): 0 when equal, −1 or 1 by the first differing byte.
    /// </summary>
    /// <param name="bytes">A buffer from <see cref="LoadBytes"/> of at least <paramref name="length"/> bytes.</param>
    /// <param name="length">A constant: how many bytes to compare at most.</param>
    /// <param name="text">A constant ASCII string.</param>
    public static int Strncmp(byte[] bytes, int length, string text)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return CStrings.Compare(bytes, Encoding.ASCII.GetBytes(text), length);
    }

    /// <summary>
    /// Compares the NUL-terminated <paramref name="bytes"/> with the constant string <paramref name="text"/>
    /// (the <c>bpf_strcmp</c> kfunc, resolved by name from the kernel's BTF when the program loads):
    /// 0 when equal, −1 or 1 by the first differing byte.
    /// </summary>
    /// <param name="bytes">A buffer from <see cref="LoadBytes"/>.</param>
    /// <param name="text">A constant ASCII string.</param>
    public static int Strcmp(byte[] bytes, string text)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return CStrings.Compare(bytes, Encoding.ASCII.GetBytes(text), int.MaxValue);
    }

    /// <summary>
    /// Redirects the packet to the interface <paramref name="ifindex"/> (<c>bpf_redirect</c>; egress,
    /// or ingress with flag BPF_F_INGRESS = 1 in tc) and returns the action to return for it:
    /// TC_ACT_REDIRECT (7) in tc, XDP_REDIRECT (4) in XDP — or, for flags the helper refuses,
    /// TC_ACT_SHOT (2) / XDP_ABORTED (0). Return it from a <see cref="Program{TContext}"/> lambda:
    /// <c>skb =&gt; skb.Mark == 1 ? Bpf.Redirect(4) : 0</c>. In .NET, <c>Evaluate</c> returns the same
    /// action for the kind it evaluates as (it does not model the redirect itself).
    /// </summary>
    /// <param name="ifindex">The target interface's index.</param>
    /// <param name="flags">0, or BPF_F_INGRESS (1, tc only).</param>
    /// <exception cref="InvalidOperationException">Called outside <c>Evaluate</c> of a tc or XDP program.</exception>
    public static long Redirect(uint ifindex, ulong flags = 0) =>
        (ManagedRun.Kind is { } kind ? ProgramKindTable.Of(kind).Redirect : null)?.For(flags)
            ?? throw new InvalidOperationException("Bpf.Redirect belongs in tc and XDP programs: evaluate the lambda as one (Evaluate(ctx, ProgramKind.Tc))");

    /// <summary>
    /// The packet's flow hash, recomputed (<c>bpf_get_hash_recalc</c>). The managed model has no flow
    /// dissector: <c>Evaluate</c> returns <see cref="SkBuff.Hash"/>.
    /// </summary>
    /// <param name="skb">The program's context.</param>
    public static uint GetHashRecalc(this SkBuff skb)
    {
        ArgumentNullException.ThrowIfNull(skb);
        return skb.Hash;
    }
}
