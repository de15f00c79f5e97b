using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>Braun et al.'s construction on small CFGs built by hand.</summary>
public sealed class SsaBuilderTests
{
    private readonly Function _f = new("f", IrType.I64);
    private readonly SsaBuilder _ssa;
    private readonly IrBuilder _b;
    private readonly object _x = new();

    public SsaBuilderTests()
    {
        _ssa = new SsaBuilder(_f);
        _b = new IrBuilder(_f);
        _ssa.Declare(_x, IrType.I64, _f.Const(IrType.I64, 7), null);
    }

    [Fact]
    public void A_read_before_any_write_is_the_initial_value()
    {
        var entry = Start(_f.AddBlock());
        _ssa.SealBlock(entry);
        _ssa.ReadVariable(_x, entry).ShouldBe(_f.Const(IrType.I64, 7));
    }

    [Fact]
    public void A_diamond_merges_two_writes_in_a_phi_and_one_write_without()
    {
        var (entry, left, right, join) = (_f.AddBlock(), _f.AddBlock(), _f.AddBlock(), _f.AddBlock());
        Start(entry);
        _ssa.SealBlock(entry);
        _b.CondBr(_b.Cmp(Cond.Eq, _f.Const(IrType.I64, 1), _f.Const(IrType.I64, 2)), left, right);
        foreach (var arm in new[] { left, right })
        {
            _ssa.SealBlock(arm);
            Start(arm);
            _b.Br(join);
        }
        _ssa.WriteVariable(_x, left, _f.Const(IrType.I64, 1));
        _ssa.SealBlock(join);
        Start(join);
        var merged = _ssa.ReadVariable(_x, join).ShouldBeOfType<Instr>();
        merged.Op.ShouldBe(Op.Phi);
        merged.IncomingFrom(left).ShouldBe(_f.Const(IrType.I64, 1));
        merged.IncomingFrom(right).ShouldBe(_f.Const(IrType.I64, 7));
        _b.Ret(merged);
        IrVerifier.Check(_f).ShouldBeEmpty();
    }

    [Fact]
    public void A_loop_header_read_before_the_back_edge_becomes_a_phi_when_sealed()
    {
        var (entry, header, body, exit) = (_f.AddBlock(), _f.AddBlock(), _f.AddBlock(), _f.AddBlock());
        Start(entry);
        _ssa.SealBlock(entry);
        _b.Br(header);
        Start(header); // not sealed: the back edge is not there yet
        var i = _ssa.ReadVariable(_x, header);
        _b.CondBr(_b.Cmp(Cond.SLt, i, _f.Const(IrType.I64, 10)), body, exit);
        _ssa.SealBlock(body);
        Start(body);
        _ssa.WriteVariable(_x, body, _b.Binary(Op.Add, IrType.I64, _ssa.ReadVariable(_x, body), _f.Const(IrType.I64, 1)));
        _b.Br(header);
        _ssa.SealBlock(header);
        _ssa.SealBlock(exit);
        Start(exit);
        _b.Ret(_ssa.ReadVariable(_x, exit));
        IrVerifier.Check(_f).ShouldBeEmpty();
        IrInterpreter.Run(_f, []).ShouldBe(10);
        _f.AllInstrs().Count(p => p.Op == Op.Phi).ShouldBe(1);
    }

    [Fact]
    public void A_loop_that_never_writes_the_variable_leaves_no_phi()
    {
        var (entry, header, body, exit) = (_f.AddBlock(), _f.AddBlock(), _f.AddBlock(), _f.AddBlock());
        Start(entry);
        _ssa.SealBlock(entry);
        _ssa.WriteVariable(_x, entry, _f.Const(IrType.I64, 3));
        _b.Br(header);
        Start(header);
        var read = _ssa.ReadVariable(_x, header); // an operandless phi for now
        read.ShouldBeOfType<Instr>().Op.ShouldBe(Op.Phi);
        _b.CondBr(_b.Cmp(Cond.Eq, read, _f.Const(IrType.I64, 0)), exit, body);
        _ssa.SealBlock(body);
        Start(body);
        _b.Br(header);
        _ssa.SealBlock(header); // trivial: x is 3 on both edges
        _ssa.SealBlock(exit);
        Start(exit);
        _b.Ret(_ssa.ReadVariable(_x, exit));
        _f.AllInstrs().ShouldNotContain(p => p.Op == Op.Phi);
        _ssa.Resolve(read).ShouldBe(_f.Const(IrType.I64, 3));
        IrVerifier.Check(_f).ShouldBeEmpty();
    }

    private Block Start(Block block)
    {
        _b.Current = block;
        return block;
    }
}
