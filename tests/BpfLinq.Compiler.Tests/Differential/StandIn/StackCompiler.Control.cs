using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;

namespace BpfLinq.Compiler.Tests.Differential.StandIn;

// Control flow and the nodes of hand-built trees: ?:, && and ||, blocks and variables, assignments,
// increments, loops, labels and gotos, switches, inlined nested lambdas, verdict calls.
internal sealed partial class StackCompiler
{
    private void Control(Expression e, string path)
    {
        switch (e)
        {
            case ConditionalExpression c:
                Conditional(c, path);
                break;
            case BlockExpression block:
                Block(block, path);
                break;
            case LoopExpression loop:
                var top = _emit.NewLabel();
                if (loop.ContinueLabel is not null)
                {
                    _labels[loop.ContinueLabel] = top;
                }
                _emit.Mark(top);
                Value(loop.Body, ExpressionPath.Append(path, "Body"));
                _emit.Jump(top);
                if (loop.BreakLabel is not null)
                {
                    _emit.Mark(LabelOf(loop.BreakLabel));
                }
                break;
            case GotoExpression { Value: null } g:
                _emit.Jump(LabelOf(g.Target));
                break;
            case LabelExpression { DefaultValue: null } label:
                _emit.Mark(LabelOf(label.Target));
                break;
            case SwitchExpression { Comparison: null } s when ScalarType.IsScalar(s.SwitchValue.Type):
                Switch(s, path);
                break;
            case InvocationExpression { Expression: LambdaExpression lambda } invoke:
                Invoke(lambda, invoke, path);
                break;
            case MethodCallExpression { Object: null } call when call.Method.DeclaringType == typeof(Verdict) && call.Method.Name == nameof(Verdict.Keep):
                if (_kind != ProgramKind.SocketFilter)
                {
                    throw new StandInCompileException(StandInCodes.ForeignVerdict, path, $"Keep is not a verdict of a {_kind} program");
                }
                Value(call.Arguments[0], ExpressionPath.Append(path, "Arguments[0]"));
                break;
            case DefaultExpression d when d.Type == typeof(void):
                break;
            default:
                throw Unsupported(e, path);
        }
    }

    private void Conditional(ConditionalExpression c, string path)
    {
        var otherwise = _emit.NewLabel();
        var done = _emit.NewLabel();
        Value(c.Test, ExpressionPath.Append(path, "Test"));
        _emit.JumpIf(JmpOp.Jeq, Reg.R0, 0, otherwise);
        var guard = GuardOf(c.Test);
        if (guard is { } fact)
        {
            _guards.Add(fact);
        }
        Value(c.IfTrue, ExpressionPath.Append(path, "IfTrue"));
        if (guard is not null)
        {
            _guards.RemoveAt(_guards.Count - 1);
        }
        // An `if` without else jumps nowhere after its branch: the branch may end in a goto, and the
        // verifier rejects a jump nothing reaches.
        if (c.IfFalse is DefaultExpression { Type: var t } && t == typeof(void))
        {
            _emit.Mark(otherwise);
            _emit.Mark(done);
            return;
        }
        _emit.Jump(done);
        _emit.Mark(otherwise);
        Value(c.IfFalse, ExpressionPath.Append(path, "IfFalse"));
        _emit.Mark(done);
    }

    // d != 0 proves d non-zero; d > 0 and d != 0 && d != -1 also exclude -1.
    private static (Expression Divisor, bool ExcludesMinusOne)? GuardOf(Expression test) => test switch
    {
        BinaryExpression { NodeType: ExpressionType.NotEqual, Right: ConstantExpression { Value: { } zero } } b when CSharpOperators.Bits(zero) == 0 => (b.Left, false),
        BinaryExpression { NodeType: ExpressionType.GreaterThan, Right: ConstantExpression { Value: { } zero } } b when CSharpOperators.Bits(zero) == 0 => (b.Left, true),
        BinaryExpression { NodeType: ExpressionType.AndAlso, Right: BinaryExpression { NodeType: ExpressionType.NotEqual, Right: ConstantExpression { Value: { } minusOne } } right } b
            when GuardOf(b.Left) is { } left && ReferenceEquals(left.Divisor, right.Left) && CSharpOperators.Bits(minusOne) == ulong.MaxValue => (left.Divisor, true),
        _ => null,
    };

    private void ShortCircuit(BinaryExpression b, string path)
    {
        var done = _emit.NewLabel();
        Value(b.Left, ExpressionPath.Append(path, "Left"));
        // r0 is already the answer (0 for &&, 1 for ||) when the right side is skipped.
        _emit.JumpIf(b.NodeType == ExpressionType.AndAlso ? JmpOp.Jeq : JmpOp.Jne, Reg.R0, 0, done);
        Value(b.Right, ExpressionPath.Append(path, "Right"));
        _emit.Mark(done);
    }

    private void Block(BlockExpression block, string path)
    {
        foreach (var variable in block.Variables)
        {
            if (!ScalarType.IsScalar(variable.Type))
            {
                throw Unsupported(block, path);
            }
            var slot = PushSlot(path);
            // Block variables start as default(T).
            _emit.Emit(Insn.St(Size.DWord, Reg.R10, slot, 0));
            _variables[variable] = slot;
        }
        for (var i = 0; i < block.Expressions.Count; i++)
        {
            Value(block.Expressions[i], ExpressionPath.Append(path, $"Expressions[{i}]"));
        }
        foreach (var variable in block.Variables)
        {
            _variables.Remove(variable);
            PopSlot();
        }
    }

    private void Assign(BinaryExpression b, string path)
    {
        if (b.Left is not ParameterExpression variable || !_variables.TryGetValue(variable, out var slot))
        {
            throw Unsupported(b, path);
        }
        Value(b.Right, ExpressionPath.Append(path, "Right"));
        if (b.NodeType != ExpressionType.Assign)
        {
            _emit.Emit(Insn.Mov(Reg.R1, Reg.R0));
            _emit.Emit(Insn.Ldx(Size.DWord, Reg.R0, Reg.R10, slot));
            Arithmetic(b.NodeType, variable.Type, b, path);
        }
        _emit.Emit(Insn.Stx(Size.DWord, Reg.R10, slot, Reg.R0));
    }

    private void Increment(UnaryExpression u, string path)
    {
        if (u.Operand is not ParameterExpression variable || !_variables.TryGetValue(variable, out var slot))
        {
            throw Unsupported(u, path);
        }
        var post = u.NodeType is ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign;
        _emit.Emit(Insn.Ldx(Size.DWord, Reg.R0, Reg.R10, slot));
        _emit.Emit(Insn.Mov(Reg.R1, Reg.R0));
        _emit.Emit(Insn.Add(Reg.R0, u.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign ? 1 : -1));
        Normalize(variable.Type);
        _emit.Emit(Insn.Stx(Size.DWord, Reg.R10, slot, Reg.R0));
        if (post)
        {
            _emit.Emit(Insn.Mov(Reg.R0, Reg.R1));
        }
    }

    private void Switch(SwitchExpression s, string path)
    {
        Value(s.SwitchValue, ExpressionPath.Append(path, "SwitchValue"));
        var slot = PushSlot(path);
        _emit.Emit(Insn.Stx(Size.DWord, Reg.R10, slot, Reg.R0));
        var done = _emit.NewLabel();
        var otherwise = _emit.NewLabel();
        var bodies = s.Cases.Select(_ => _emit.NewLabel()).ToList();
        for (var i = 0; i < s.Cases.Count; i++)
        {
            foreach (var test in s.Cases[i].TestValues)
            {
                if (test is not ConstantExpression { Value: { } value })
                {
                    throw Unsupported(s, path);
                }
                _emit.Emit(Insn.Ldx(Size.DWord, Reg.R0, Reg.R10, slot));
                LoadConstant(Reg.R1, CSharpOperators.Bits(value));
                _emit.JumpIf(JmpOp.Jeq, Reg.R0, Reg.R1, bodies[i]);
            }
        }
        _emit.Jump(otherwise);
        for (var i = 0; i < s.Cases.Count; i++)
        {
            _emit.Mark(bodies[i]);
            Value(s.Cases[i].Body, ExpressionPath.Append(path, $"Cases[{i}].Body"));
            _emit.Jump(done);
        }
        _emit.Mark(otherwise);
        if (s.DefaultBody is not null)
        {
            Value(s.DefaultBody, ExpressionPath.Append(path, "DefaultBody"));
        }
        _emit.Mark(done);
        PopSlot();
    }

    // Inlined: each scalar argument lands in a slot bound to its parameter; a context argument aliases r6.
    private void Invoke(LambdaExpression lambda, InvocationExpression invoke, string path)
    {
        var bound = new List<ParameterExpression>();
        for (var i = 0; i < lambda.Parameters.Count; i++)
        {
            var parameter = lambda.Parameters[i];
            var argument = invoke.Arguments[i];
            if (argument is ParameterExpression context && _contexts.Contains(context))
            {
                _contexts.Add(parameter);
                continue;
            }
            if (!ScalarType.IsScalar(parameter.Type))
            {
                throw Unsupported(invoke, path);
            }
            Value(argument, ExpressionPath.Append(path, $"Arguments[{i}]"));
            var slot = PushSlot(path);
            _emit.Emit(Insn.Stx(Size.DWord, Reg.R10, slot, Reg.R0));
            _variables[parameter] = slot;
            bound.Add(parameter);
        }
        Value(lambda.Body, ExpressionPath.Append(path, "Expression.Body"));
        foreach (var parameter in bound)
        {
            _variables.Remove(parameter);
            PopSlot();
        }
    }

    private Label LabelOf(LabelTarget target)
    {
        if (!_labels.TryGetValue(target, out var label))
        {
            label = _emit.NewLabel();
            _labels[target] = label;
        }
        return label;
    }
}
