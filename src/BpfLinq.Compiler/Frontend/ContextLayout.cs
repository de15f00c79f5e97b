using System.Buffers.Binary;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Converts a managed context to and from the kernel's bytes (little-endian, the layout of
/// <see cref="ContextFieldTable"/>): the <c>ctx_in</c>/<c>ctx_out</c> of a test run, and the memory the
/// IR interpreter reads context fields from.
/// </summary>
internal static class ContextLayout
{
    /// <summary>The <c>struct __sk_buff</c> bytes of a managed socket buffer.</summary>
    public static byte[] ToBytes(SkBuff skb)
    {
        var bytes = new byte[ContextFieldTable.SkBuffSize];
        foreach (var field in ContextFieldTable.SkBuff)
        {
            var value = field.Property.GetValue(skb);
            if (value is uint[] array)
            {
                for (var i = 0; i < field.Count; i++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field.OffsetOf(i)), array[i]);
                }
            }
            else
            {
                Write(bytes.AsSpan(field.Offset, field.Size), Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return bytes;
    }

    /// <summary>The <c>struct xdp_md</c> bytes of a managed XDP context (data pointers zero).</summary>
    public static byte[] ToBytes(XdpMd xdp)
    {
        var bytes = new byte[ContextFieldTable.XdpMdSize];
        foreach (var field in ContextFieldTable.XdpMd)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field.Offset), (uint)field.Property.GetValue(xdp)!);
        }
        return bytes;
    }

    /// <summary>A managed socket buffer read from <c>struct __sk_buff</c> bytes.</summary>
    public static SkBuff SkBuffFromBytes(ReadOnlySpan<byte> span)
    {
        var bytes = span.ToArray();
        if (bytes.Length < ContextFieldTable.SkBuffSize)
        {
            throw new ArgumentException($"struct __sk_buff is {ContextFieldTable.SkBuffSize} bytes, got {bytes.Length}", nameof(span));
        }
        uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
        uint[] Array(int offset, int count) => Enumerable.Range(0, count).Select(i => U32(offset + 4 * i)).ToArray();
        return new SkBuff
        {
            Len = U32(0), PktType = U32(4), Mark = U32(8), QueueMapping = U32(12), Protocol = U32(16),
            VlanPresent = U32(20), VlanTci = U32(24), VlanProto = U32(28), Priority = U32(32),
            IngressIfindex = U32(36), Ifindex = U32(40), TcIndex = U32(44), Cb = Array(48, 5), Hash = U32(68),
            TcClassid = U32(72), NapiId = U32(84), Family = U32(88), RemoteIp4 = U32(92), LocalIp4 = U32(96),
            RemoteIp6 = Array(100, 4), LocalIp6 = Array(116, 4), RemotePort = U32(132), LocalPort = U32(136),
            Tstamp = U64(152), WireLen = U32(160), GsoSegs = U32(164), GsoSize = U32(176), TstampType = bytes[180],
            Hwtstamp = U64(184),
        };
    }

    private static void Write(Span<byte> target, ulong value)
    {
        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(all, value);
        all[..target.Length].CopyTo(target);
    }
}
