using System.Text;
using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// What running a function does, as far as anyone can observe: its result (or how it failed),
/// the context bytes afterwards, and the helper calls it made in order. Two functions behave the
/// same on an input when these are equal. Helpers are modelled by a fixed mixing function of the
/// id, the arguments and how many calls came before, so dropping, duplicating or reordering a
/// call shows.
/// </summary>
internal sealed record IrBehaviour(string Result, string Context, string Calls)
{
    /// <summary>Runs <paramref name="f"/> (with <see cref="RandomIr.Signature"/>'s parameters) on a copy of <paramref name="context"/>.</summary>
    public static IrBehaviour Of(Function f, long[] args, byte[] context)
    {
        var memory = (byte[])context.Clone();
        var calls = new StringBuilder();
        var count = 0L;
        long Helper(long id, long[] a)
        {
            calls.Append($"{id}({string.Join(", ", a)}) ");
            var h = unchecked(id * -7046029254386353131L) ^ ++count; // 0x9E3779B97F4A7C15, the golden-ratio multiplier
            foreach (var x in a)
            {
                h = unchecked((h * 31) + x);
            }
            return h;
        }
        string result;
        try
        {
            result = IrInterpreter.Run(f, args, [memory], Helper, PacketOf(context, args)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException e)
        {
            result = "failed: " + e.Message;
        }
        return new IrBehaviour(result, Convert.ToHexString(memory), calls.ToString());
    }

    // A packet made of the context bytes, cut short by the first argument so reads beyond its end
    // are exercised: the link header at 0, the network header at 14 (packet reads and the
    // interpreter's bpf_skb_load_bytes see the same bytes).
    private static IrPacket PacketOf(byte[] context, long[] args) =>
        new(context[..(context.Length - (int)((ulong)args.FirstOrDefault() % 56))], 0, 0, 14);

    /// <summary>
    /// The behaviour as the kernel observes a program: only the low 32 bits of the result (r0 is
    /// read as a u32), for comparing across passes allowed to change the rest (<see cref="PassCatalog.MayChangeHighResultBits"/>).
    /// </summary>
    public IrBehaviour AsProgram() =>
        long.TryParse(Result, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? this with { Result = "low32 " + ((uint)value).ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : this;

    /// <summary>The behaviour in one line per part.</summary>
    public override string ToString() => $"result {Result}\ncontext {Context}\ncalls {Calls}";
}
