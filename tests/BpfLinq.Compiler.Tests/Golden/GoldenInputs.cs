using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>
/// The named inputs golden programs run on (the selftests' __retval idea): a frame and the ctx_in
/// fields, from which the test-run model predicts the context the program sees.
/// </summary>
internal static class GoldenInputs
{
    // EtherType 0x88b5 (local experimental): any payload length is a valid frame for every kind.
    private static byte[] Frame(int payload, byte fill) =>
        [.. new byte[] { 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0x88, 0xb5 }, .. Enumerable.Repeat(fill, payload)];

    /// <summary>The inputs, by name, in a stable order.</summary>
    public static IReadOnlyList<(string Name, TestRunInput Input)> All { get; } =
    [
        ("tiny", TestRunInput.OfFrame(Frame(2, 0xaa))),
        ("small", new TestRunInput(Frame(46, 0x5a), new SkBuff { Mark = 7, Priority = 3, Cb = [1, 2, 3, 4, 5] }, new XdpMd { IngressIfindex = 1 })),
        ("edges", new TestRunInput(Frame(200, 0xff), new SkBuff { Mark = 0xffffffff, Priority = 0x80000000, Cb = [0x7fffffff, 0xffffffff, 0x80000001, 64, 33] }, new XdpMd { IngressIfindex = 1 })),
        ("mixed", new TestRunInput(Frame(1000, 0x11), new SkBuff { Mark = 1500, Priority = 6, Cb = [100, 7, 0, 0xfffffff9, 0x10000] }, new XdpMd { IngressIfindex = 1 })),
    ];
}
