using BpfLinq.Compiler.Btf;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Btf;

public sealed class BtfExtRecordsTests
{
    [Fact]
    public void Func_info_is_packed_as_struct_bpf_func_info()
    {
        var bytes = BtfExtRecords.EncodeFuncInfos([new FuncInfo(0, 3), new FuncInfo(0x12, 0x0a0b0c0d)]);

        bytes.ShouldBe(new byte[] { 0, 0, 0, 0, 3, 0, 0, 0, 0x12, 0, 0, 0, 0x0d, 0x0c, 0x0b, 0x0a });
    }

    [Fact]
    public void Line_info_is_packed_as_struct_bpf_line_info()
    {
        var bytes = BtfExtRecords.EncodeLineInfos([LineInfo.Create(7, 1, 12, line: 42, column: 5)]);

        bytes.ShouldBe(new byte[] { 7, 0, 0, 0, 1, 0, 0, 0, 12, 0, 0, 0, 0x05, 0xa8, 0, 0 }); // 42 << 10 | 5 = 0xa805
    }

    [Fact]
    public void Both_round_trip()
    {
        var funcs = Gen.Zip(ArbMap.Default.GeneratorFor<uint>(), ArbMap.Default.GeneratorFor<uint>(), (a, b) => new FuncInfo(a, b)).ArrayOf();
        Prop.ForAll(funcs.ToArbitrary(), records =>
            BtfExtRecords.DecodeFuncInfos(BtfExtRecords.EncodeFuncInfos(records)).ShouldBe(records)).QuickCheckThrowOnFailure();

        var words = ArbMap.Default.GeneratorFor<uint>();
        var lines = Gen.Zip(Gen.Zip(words, words), Gen.Zip(words, words), (a, b) => new LineInfo(a.Item1, a.Item2, b.Item1, b.Item2)).ArrayOf();
        Prop.ForAll(lines.ToArbitrary(), records =>
            BtfExtRecords.DecodeLineInfos(BtfExtRecords.EncodeLineInfos(records)).ShouldBe(records)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Larger_record_sizes_are_read_and_their_tails_ignored()
    {
        byte[] bytes = [1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];

        BtfExtRecords.DecodeFuncInfos(bytes, 12).ShouldBe([new FuncInfo(1, 2), new FuncInfo(3, 4)]);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(8, 12)]
    [InlineData(4, 8)]
    [InlineData(10, 20)]
    [InlineData(256, 256)]
    public void Bad_func_info_sizes_are_format_errors(int recordSize, int length)
    {
        Should.Throw<BtfFormatException>(() => BtfExtRecords.DecodeFuncInfos(new byte[length], recordSize));
    }

    [Theory]
    [InlineData(16, 8)]
    [InlineData(12, 24)]
    [InlineData(8192, 8192)]
    public void Bad_line_info_sizes_are_format_errors(int recordSize, int length)
    {
        Should.Throw<BtfFormatException>(() => BtfExtRecords.DecodeLineInfos(new byte[length], recordSize));
    }
}
