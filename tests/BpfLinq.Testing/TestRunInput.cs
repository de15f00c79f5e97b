using System.Buffers.Binary;
using System.Globalization;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Testing;

/// <summary>
/// What one <c>BPF_PROG_TEST_RUN</c> is given: the frame (<c>data_in</c>, an Ethernet frame) and the
/// context fields set in <c>ctx_in</c>. Both contexts are carried so one input serves every program kind:
/// skb kinds send <see cref="Skb"/> as a <c>struct __sk_buff</c>, XDP sends <see cref="Xdp"/> as a
/// <c>struct xdp_md</c> whose <c>data</c>/<c>data_end</c> describe the frame. Only the fields the kernel
/// accepts in <c>ctx_in</c> should be set (see <see cref="TestRunInput.Refusal"/>); the others stay zero.
/// </summary>
internal sealed record TestRunInput(byte[] Frame, SkBuff Skb, XdpMd Xdp)
{
    /// <summary>An input with an all-zero context.</summary>
    public static TestRunInput OfFrame(byte[] frame) => new(frame, new SkBuff(), new XdpMd());

    /// <summary>The context a program of <paramref name="kind"/> sees on this input (<see cref="TestRunContext"/>): an <see cref="SkBuff"/> or an <see cref="XdpMd"/>.</summary>
    public object Predict(ProgramKind kind, IReadOnlyList<TestRunDevice>? devices = null) =>
        kind == ProgramKind.Xdp ? TestRunContext.ForXdp(Frame, Xdp, devices) : TestRunContext.ForSkb(kind, Frame, Skb, devices);

    /// <summary>Why the kernel refuses to run a program of <paramref name="kind"/> on this input, or null.</summary>
    public string? Refusal(ProgramKind kind, IReadOnlyList<TestRunDevice>? devices = null) =>
        kind == ProgramKind.Xdp ? TestRunContext.XdpRefusal(Frame, Xdp, devices) : TestRunContext.SkbRefusal(kind, Frame, Skb, devices);

    /// <summary>The <c>ctx_in</c> bytes for a program of <paramref name="kind"/>.</summary>
    public byte[] ContextBytes(ProgramKind kind)
    {
        if (kind != ProgramKind.Xdp)
        {
            return ContextLayout.ToBytes(Skb);
        }
        var bytes = ContextLayout.ToBytes(Xdp);
        // data = 0 (no metadata), data_end = the frame's length: the kernel checks both.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ContextOffsets.XdpMdDataEnd), (uint)Frame.Length);
        return bytes;
    }

    /// <summary>The frame in hex and the non-zero <c>ctx_in</c> fields, for failure reports.</summary>
    public override string ToString()
    {
        var fields = ContextFieldTable.SkBuff
            .Select(f => (f.Property.Name, Value: f.Property.GetValue(Skb)))
            .Concat(ContextFieldTable.XdpMd.Select(f => ("Xdp." + f.Property.Name, f.Property.GetValue(Xdp))))
            .Select(p => (p.Item1, Text: FormatValue(p.Item2)))
            .Where(p => p.Text is not null)
            .Select(p => $"{p.Item1}={p.Text}");
        return $"frame[{Frame.Length}] {Convert.ToHexString(Frame)}; ctx_in {{ {string.Join(", ", fields)} }}";
    }

    private static string? FormatValue(object? value) => value switch
    {
        uint[] array when array.Any(v => v != 0) => "[" + string.Join(", ", array.Select(v => "0x" + v.ToString("x", CultureInfo.InvariantCulture))) + "]",
        uint[] => null,
        IConvertible c when Convert.ToUInt64(c, CultureInfo.InvariantCulture) != 0 => "0x" + Convert.ToUInt64(c, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture),
        _ => null,
    };
}
