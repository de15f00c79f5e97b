using System.Buffers.Binary;
using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// Makes a base BTF blob and a split BTF blob on top of it, as vmlinux and a module's file in
/// <c>/sys/kernel/btf</c>, with <see cref="BtfBuilder"/>. The builder numbers types and adds strings
/// in the order it writes them, so marshalling the base types first and then the module's gives the
/// base blob's types and strings as a prefix of the combined blob; the split blob is the rest, its
/// type ids continuing after the base's and its string offsets after the base's strings.
/// </summary>
internal static class SplitBtf
{
    public static (byte[] Base, byte[] Split) Build(IReadOnlyList<BtfType> baseTypes, IReadOnlyList<BtfType> moduleTypes)
    {
        var baseBuilder = new BtfBuilder();
        baseTypes.ToList().ForEach(t => baseBuilder.Add(t));
        var baseBlob = baseBuilder.Marshal();

        var combined = new BtfBuilder();
        for (var id = 1; id <= baseBuilder.Count; id++)
        {
            combined.Add(baseBuilder.GetType(id));
        }
        moduleTypes.ToList().ForEach(t => combined.Add(t));
        var all = combined.Marshal();

        var (baseTypeLength, baseStringLength) = (Word(baseBlob, 12), Word(baseBlob, 20));
        var (typeLength, stringLength) = (Word(all, 12), Word(all, 20));
        all.AsSpan(24, baseTypeLength).SequenceEqual(baseBlob.AsSpan(24, baseTypeLength)).ShouldBeTrue("base types are a prefix");
        all.AsSpan(24 + typeLength, baseStringLength).SequenceEqual(baseBlob.AsSpan(24 + baseTypeLength, baseStringLength)).ShouldBeTrue("base strings are a prefix");

        var types = all.AsSpan(24 + baseTypeLength, typeLength - baseTypeLength);
        var strings = all.AsSpan(24 + typeLength + baseStringLength, stringLength - baseStringLength);
        var split = new byte[24 + types.Length + strings.Length];
        all.AsSpan(0, 24).CopyTo(split);
        BinaryPrimitives.WriteInt32LittleEndian(split.AsSpan(12), types.Length);
        BinaryPrimitives.WriteInt32LittleEndian(split.AsSpan(16), types.Length);
        BinaryPrimitives.WriteInt32LittleEndian(split.AsSpan(20), strings.Length);
        types.CopyTo(split.AsSpan(24));
        strings.CopyTo(split.AsSpan(24 + types.Length));
        return (baseBlob, split);
    }

    private static int Word(byte[] blob, int offset) => BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(offset));
}
