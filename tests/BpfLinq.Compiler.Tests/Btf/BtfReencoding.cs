using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

internal static class BtfReencoding
{
    /// <summary>Decoded types added back in id order: the builder must then give every type its old id.</summary>
    public static byte[] Of(BtfSpec spec)
    {
        var builder = new BtfBuilder();
        for (var id = 1; id < spec.TypeCount; id++)
        {
            builder.Add(spec.GetType(id)).ShouldBe(id);
        }
        return builder.Marshal();
    }
}
