using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Frontend.Semantics;

/// <summary>Random contexts, biased to the values where C# and eBPF semantics differ (0, ±1, the MinValues, masks).</summary>
internal static class Contexts
{
    private static readonly uint[] s_edges =
    [
        0, 1, 2, 3, 5, 6, 7, 8, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xffff8000, 0xffffff80,
    ];

    /// <summary>A 32-bit field value.</summary>
    public static Gen<uint> Field { get; } = Gen.Frequency(
        (5, Gen.Elements(s_edges)),
        (2, Gen.Choose(0, 300).Select(v => (uint)v)),
        (3, Gen.Choose(int.MinValue, int.MaxValue).Select(v => unchecked((uint)v))));

    private static Gen<ulong> Wide { get; } =
        from hi in Field
        from lo in Field
        select ((ulong)hi << 32) | lo;

    /// <summary>A socket buffer with every field random.</summary>
    public static Gen<SkBuff> SkBuff { get; } =
        from f in Field.ArrayOf(26)
        from w in Wide.ArrayOf(2)
        from b in Gen.Choose(0, 255)
        select new SkBuff
        {
            Len = f[0], PktType = f[1], Mark = f[2], QueueMapping = f[3], Protocol = f[4], VlanPresent = f[5],
            VlanTci = f[6], VlanProto = f[7], Priority = f[8], IngressIfindex = f[9], Ifindex = f[10], TcIndex = f[11],
            Cb = [f[12], f[13], f[14], f[15], f[16]], Hash = f[17], TcClassid = f[18], NapiId = f[19], Family = f[20],
            RemoteIp4 = f[21], LocalIp4 = f[22], RemotePort = f[23], LocalPort = f[24], WireLen = f[25],
            RemoteIp6 = [f[0], f[1], f[2], f[3]], LocalIp6 = [f[4], f[5], f[6], f[7]],
            GsoSegs = f[8], GsoSize = f[9], Tstamp = w[0], Hwtstamp = w[1], TstampType = (byte)b,
        };

    /// <summary>An XDP context with every field random.</summary>
    public static Gen<XdpMd> XdpMd { get; } =
        from f in Field.ArrayOf(3)
        select new XdpMd { IngressIfindex = f[0], RxQueueIndex = f[1], EgressIfindex = f[2] };
}
