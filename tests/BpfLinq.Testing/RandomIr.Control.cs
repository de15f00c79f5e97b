using BpfLinq.Compiler.Ir;

namespace BpfLinq.Testing;

// Control flow: diamonds, loops and the branch conditions the front end produces.
internal sealed partial class RandomIr
{
    private static readonly Cond[] s_conds = Enum.GetValues<Cond>();

    private void Diamond(int depth, bool inLoop)
    {
        var (ifTrue, ifFalse) = (_f.AddBlock(), _f.AddBlock());
        Branch(ifTrue, ifFalse, depth: 0, topLevel: true);
        var before = _env.Copy(); // after the condition: its materialised bools dominate the join

        var (trueEnd, trueEnv) = Arm(ifTrue, depth, inLoop, before);
        var (falseEnd, falseEnv) = Arm(ifFalse, depth, inLoop, before);
        _env = before;
        if (trueEnd is null && falseEnd is null)
        {
            return; // both arms returned: the region ends here
        }
        var join = _f.AddBlock();
        var ends = new List<(Block End, Env Env)>();
        foreach (var (end, env) in new[] { (trueEnd, trueEnv), (falseEnd, falseEnv) })
        {
            if (end is not null)
            {
                _b.Current = end;
                _b.Br(join);
                ends.Add((end, env));
            }
        }
        _b.Current = join;
        for (var k = _rng.Next(0, 4); k > 0; k--)
        {
            var type = AnyScalar();
            var phi = _b.Phi(join, type);
            foreach (var (end, env) in ends)
            {
                var saved = _env;
                _env = env;
                IrBuilder.AddPhiIncoming(phi, end, _rng.Next(3) == 0 ? Const(type) : PickVariable(type));
                _env = saved;
            }
            Define(phi);
        }
    }

    // Fills one arm; returns the block it ends in (null when it returned) and what it defined.
    private (Block? End, Env Env) Arm(Block start, int depth, bool inLoop, Env before)
    {
        _env = before.Copy();
        _b.Current = start;
        Region(depth + 1, inLoop);
        return (_b.IsTerminated ? null : _b.Current, _env);
    }

    private void Loop(int depth)
    {
        var (header, body, exit) = (_f.AddBlock(), _f.AddBlock(), _f.AddBlock());
        var preheader = _b.Current!;
        var limit = _rng.Next(3) == 0
            ? _b.Binary(Op.And, IrType.I64, PickVariable(IrType.I64), _f.Const(IrType.I64, 3))
            : (Value)_f.Const(IrType.I64, _rng.Next(0, 5));
        _b.Br(header);

        _b.Current = header;
        var counter = _b.Phi(header, IrType.I64);
        IrBuilder.AddPhiIncoming(counter, preheader, _f.Const(IrType.I64, 0));
        var carried = new List<Instr>();
        for (var k = _rng.Next(0, 3); k > 0; k--)
        {
            var type = AnyScalar();
            var phi = _b.Phi(header, type);
            IrBuilder.AddPhiIncoming(phi, preheader, Pick(type));
            carried.Add(phi);
        }
        _b.CondBr(_b.Cmp(Cond.ULt, counter, limit), body, exit);
        Define(counter);
        foreach (var phi in carried)
        {
            Define(phi);
        }
        var afterHeader = _env.Copy();

        _b.Current = body;
        Region(depth + 1, inLoop: true);
        var latch = _b.Current!;
        var next = _b.Binary(Op.Add, IrType.I64, counter, _f.Const(IrType.I64, 1));
        foreach (var phi in carried)
        {
            IrBuilder.AddPhiIncoming(phi, latch, _rng.Next(4) == 0 ? phi : PickVariable(phi.Type));
        }
        IrBuilder.AddPhiIncoming(counter, latch, next);
        _b.Br(header);

        _env = afterHeader;
        _b.Current = exit;
    }

    // Ends the current block with a branch to ifTrue when a random condition holds.
    private void Branch(Block ifTrue, Block ifFalse, int depth, bool topLevel)
    {
        switch (depth < 2 ? _rng.Next(10) : 0)
        {
            case 1 or 2: // a && b
            {
                var second = _f.AddBlock();
                Branch(second, ifFalse, depth + 1, topLevel: false);
                _b.Current = second;
                Branch(ifTrue, ifFalse, depth + 1, topLevel: false);
                break;
            }
            case 3 or 4: // a || b
            {
                var second = _f.AddBlock();
                Branch(ifTrue, second, depth + 1, topLevel: false);
                _b.Current = second;
                Branch(ifTrue, ifFalse, depth + 1, topLevel: false);
                break;
            }
            case 5: // !a
                Branch(ifFalse, ifTrue, depth + 1, topLevel);
                break;
            case 6 or 7: // bool b = cond; ... if (b)
                Materialised(ifTrue, ifFalse, depth, topLevel);
                break;
            case 8: // a condition folded to a constant (hand-built trees, captured values)
                _b.CondBr(_f.Const(IrType.Bool, _rng.Next(2)), ifTrue, ifFalse);
                break;
            default:
            {
                var type = AnyScalar();
                var a = PickVariable(type);
                _b.CondBr(_b.Cmp(s_conds[_rng.Next(s_conds.Length)], a, _rng.Next(3) == 0 ? PickVariable(type) : Pick(type)), ifTrue, ifFalse);
                break;
            }
        }
    }

    // The condition computed as 0/1 through a diamond, then tested (possibly negated or widened).
    private void Materialised(Block ifTrue, Block ifFalse, int depth, bool topLevel)
    {
        var (yes, no, join) = (_f.AddBlock(), _f.AddBlock(), _f.AddBlock());
        Branch(yes, no, depth + 1, topLevel: false);
        foreach (var arm in new[] { yes, no })
        {
            _b.Current = arm;
            _b.Br(join);
        }
        _b.Current = join;
        var flag = _b.Phi(join, IrType.I32);
        IrBuilder.AddPhiIncoming(flag, yes, _f.Const(IrType.I32, 1));
        IrBuilder.AddPhiIncoming(flag, no, _f.Const(IrType.I32, 0));
        Value tested = flag;
        var negated = _rng.Next(3) == 0;
        if (negated)
        {
            tested = _b.Binary(Op.Xor, IrType.I32, flag, _f.Const(IrType.I32, 1));
        }
        if (_rng.Next(4) == 0)
        {
            tested = _b.Unary(Op.ZExt, IrType.I64, tested);
        }
        if (topLevel && _rng.Next(3) == 0)
        {
            Define(flag); // also used as a value: threading must then leave the join alone
        }
        var (cond, constant) = _rng.Next(3) switch { 0 => (Cond.Ne, 0L), 1 => (Cond.Eq, 1L), _ => (Cond.UGt, 0L) };
        var (t, f) = negated ? (ifFalse, ifTrue) : (ifTrue, ifFalse);
        _b.CondBr(_b.Cmp(cond, tested, _f.Const(tested.Type, constant)), t, f);
    }
}
