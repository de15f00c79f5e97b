using BpfLinq.Compiler.Btf;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Btf;

public sealed class BtfRandomGraphTests
{
    [Fact]
    public void Random_graphs_survive_encode_then_decode()
    {
        Prop.ForAll(BtfRandomGraph.Graphs, specs =>
        {
            var nodes = BtfRandomGraph.Build(specs);
            var bytes = BtfRandomGraph.Encode(nodes);

            var spec = BtfDecoder.Decode(bytes);

            for (var i = 0; i < nodes.Count; i++)
            {
                BtfGraphComparer.Difference(nodes[i], spec.GetType(i + 1)).ShouldBeNull();
            }
            BtfReencoding.Of(spec).ShouldBe(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [SkippableFact]
    public void Bpftool_dumps_random_graphs_as_we_do()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bpflinq-random-{Environment.ProcessId}.btf");
        try
        {
            Prop.ForAll(BtfRandomGraph.Graphs, specs =>
            {
                var bytes = BtfRandomGraph.Encode(BtfRandomGraph.Build(specs));
                File.WriteAllBytes(path, bytes);

                Bpftool.DumpRaw(path).ShouldBe(BtfRawDump.Format(BtfDecoder.Decode(bytes)));
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Corrupted_blobs_decode_or_fail_with_BtfFormatException_only()
    {
        var corruption = Gen.Zip(Gen.Choose(0, int.MaxValue), ArbMap.Default.GeneratorFor<byte>()).ArrayOf().Resize(4);
        var cases =
            from specs in BtfRandomGraph.Graphs.Generator
            from writes in corruption
            from keepPercent in Gen.Choose(0, 100)
            select (Specs: specs, Writes: writes, KeepPercent: keepPercent);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (specs, writes, keepPercent) = c;
            var bytes = BtfRandomGraph.Encode(BtfRandomGraph.Build(specs));
            foreach (var (position, value) in writes)
            {
                bytes[position % bytes.Length] = value;
            }
            var truncated = keepPercent >= 90 ? bytes : bytes[..(bytes.Length * keepPercent / 90)];

            DecodeEverything(truncated);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Every_single_byte_change_of_a_rich_blob_decodes_or_fails_with_BtfFormatException()
    {
        var builder = new BtfBuilder();
        foreach (var type in BtfSamples.RichGraph())
        {
            builder.Add(type);
        }
        var original = builder.Marshal();
        var failures = 0;
        for (var position = 0; position < original.Length; position++)
        {
            foreach (byte value in new[] { 0x00, 0x01, 0x7f, 0x80, 0xff })
            {
                var bytes = (byte[])original.Clone();
                bytes[position] = value;
                failures += DecodeEverything(bytes) ? 0 : 1;
            }
        }
        failures.ShouldBeGreaterThan(original.Length / 2, "most corruptions of a dense blob should be caught");
    }

    /// <summary>Decodes and touches everything; true when the blob was accepted. Any exception but BtfFormatException escapes.</summary>
    private static bool DecodeEverything(byte[] bytes)
    {
        BtfSpec spec;
        try
        {
            spec = BtfDecoder.Decode(bytes);
        }
        catch (BtfFormatException)
        {
            return false;
        }
        _ = BtfRawDump.Format(spec);
        for (var id = 0; id < spec.TypeCount; id++)
        {
            var type = spec.GetType(id);
            _ = spec.GetName(id);
            _ = BtfLayout.TryGetSize(type, out _);
            if (type is BtfComposite composite)
            {
                _ = composite.TryFindField("a.b", out _);
            }
        }
        _ = spec.FindByName("a");
        return true;
    }
}
