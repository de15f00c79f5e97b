namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>IPv4 frames with a byte pattern after the IP header and "foobar" at a chosen offset (none for a negative one).</summary>
internal static class NeedleFrames
{
    public static IEnumerable<byte[]> Of(params (int Length, int At)[] shapes)
    {
        foreach (var (length, at) in shapes)
        {
            var frame = new byte[length];
            frame[12] = 0x08;
            frame[14] = 0x45;
            for (var k = 34; k < length; k++)
            {
                frame[k] = (byte)(k * 7);
            }
            if (at >= 0)
            {
                "foobar"u8.CopyTo(frame.AsSpan(at));
            }
            yield return frame;
        }
    }
}
