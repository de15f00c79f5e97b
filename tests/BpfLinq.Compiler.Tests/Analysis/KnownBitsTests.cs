using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Tests.Passes;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class KnownBitsTests
{
    [Theory]
    [InlineData("v5 = load.i32.u8 v0, 0", 0xffUL)]
    [InlineData("v5 = load.i64.u16 v0, 0", 0xffffUL)]
    [InlineData("v5 = load.i64.s8 v0, 0", ulong.MaxValue)]
    [InlineData("v5 = zext.i64 v3", 0xffff_ffffUL)]
    [InlineData("v5 = and.i64 v1, 0x1f0", 0x1f0UL)]
    [InlineData("v5 = lshr.i32 v3, 28", 0xfUL)]
    [InlineData("v5 = shl.i32 v3, 28", 0xf000_0000UL)]
    [InlineData("v5 = urem.i64 v1, 10", 0xfUL)]
    [InlineData("v5 = byteswap.i64 v1, 16", 0xffffUL)]
    [InlineData("v5 = add.i32 v3, 1", 0xffff_ffffUL)]
    [InlineData("v5 = ashr.i64 0x7ff0, 4", 0x7ffUL)]
    internal void Bits_that_may_be_one(string instr, ulong expected)
    {
        var f = IrParser.Parse($"{RandomIr.Signature}\nb0:\n  {instr}\n  ret 0");
        KnownBits.MaybeOne(f.Entry.Instrs[0]).ShouldBe(expected);
    }

    [Fact]
    public void Cycles_through_phis_end_at_the_depth_limit()
    {
        // An arithmetic shift of a loop phi used to ask about its operand's sign from scratch,
        // which went around the loop for ever.
        var f = IrParser.Parse($"""
            {RandomIr.Signature}
            b0:
              br b1
            b1: <- b0 b1
              v5 = phi.i64 [b0: 0x70], [b1: v6]
              v6 = ashr.i64 v5, 1
              v7 = cmp.ne.i64 v6, 0
              condbr v7, b1, b2
            b2: <- b1
              ret v5
            """);
        var phi = f.Blocks[1].Instrs[0];
        KnownBits.MaybeOne(phi).ShouldBe(ulong.MaxValue); // the loop's value is unknown past the limit
        KnownBits.MaybeOne(f.Blocks[1].Instrs[1]).ShouldBe(ulong.MaxValue);
    }

    [Theory]
    [InlineData("v5 = ashr.i32 v3, 4", 0xffff_ffffUL)]
    [InlineData("v5 = ashr.i64 v1, 60", ulong.MaxValue)]
    internal void Arithmetic_shifts_of_values_that_may_be_negative_keep_the_top_bits(string instr, ulong expected) =>
        Bits_that_may_be_one(instr, expected);

    [Fact]
    public void A_bit_reported_zero_is_zero_on_every_run()
    {
        // Each value of a random straight-line function, returned on its own, never has a bit
        // outside what KnownBits allows.
        Prop.ForAll(RandomIr.Cases(30), RandomIr.Args.ToArbitrary(), RandomIr.Context.ToArbitrary(), (c, args, context) =>
        {
            var f = c.Build();
            foreach (var value in f.Entry.Instrs.Where(i => i.Type.IsScalar()).ToList())
            {
                var probe = Probe(f, value);
                if (probe is null)
                {
                    continue;
                }
                var result = IrBehaviour.Of(probe, args, context).Result;
                if (!long.TryParse(result, System.Globalization.CultureInfo.InvariantCulture, out var bits))
                {
                    continue;
                }
                var allowed = KnownBits.MaybeOne(value);
                ((ulong)bits & KnownBits.WidthMask(value.Type) & ~allowed).ShouldBe(0UL, $"{value} may be 0x{allowed:x}, was 0x{bits:x}\n{c}");
            }
        }).QuickCheckThrowOnFailure();
    }

    // The function cut after 'value' in the entry block, returning it (zero-extended when i32).
    private static Function? Probe(Function f, Instr value)
    {
        var text = IrPrinter.Print(f);
        var copy = IrParser.Parse(text);
        var entry = copy.Entry;
        var index = f.Entry.Instrs.ToList().IndexOf(value);
        var v = entry.Instrs[index];
        foreach (var later in entry.Instrs.Skip(index + 1).Where(i => !i.IsTerminator).Reverse().ToList())
        {
            entry.Remove(later);
        }
        var b = new IrBuilder(copy) { Current = entry };
        entry.RemoveTerminator();
        b.Ret(v.Type == IrType.I32 ? b.Unary(Op.ZExt, IrType.I64, v) : v);
        foreach (var dead in copy.Blocks.Skip(1).ToList())
        {
            foreach (var s in dead.Succs)
            {
                s.RemovePredFromPhis(dead);
            }
        }
        foreach (var dead in copy.Blocks.Skip(1).ToList())
        {
            dead.RemoveTerminator();
        }
        foreach (var dead in copy.Blocks.Skip(1).ToList())
        {
            copy.RemoveBlock(dead);
        }
        return IrVerifier.Check(copy).Count == 0 ? copy : null;
    }
}
