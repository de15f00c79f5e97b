using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;

namespace BpfLinq.Compiler.Tests.Differential.StandIn;

// Unary and binary operators on canonical values: compute in 64 bits, then bring the result back to
// the canonical form of the C# type (which is what makes 64-bit instructions right for every width).
internal sealed partial class StackCompiler
{
    private void Unary(UnaryExpression u, string path)
    {
        var operand = ExpressionPath.Append(path, "Operand");
        switch (u.NodeType)
        {
            case ExpressionType.Convert when ScalarType.IsScalar(u.Type) && ScalarType.IsScalar(u.Operand.Type):
                Value(u.Operand, operand);
                Normalize(u.Type);
                break;
            case ExpressionType.Negate when ScalarType.IsScalar(u.Type):
                Value(u.Operand, operand);
                _emit.Emit(Insn.Neg(Reg.R0));
                Normalize(u.Type);
                break;
            case ExpressionType.UnaryPlus when ScalarType.IsScalar(u.Type):
                Value(u.Operand, operand);
                break;
            case ExpressionType.Not when u.Type == typeof(bool):
                Value(u.Operand, operand);
                _emit.Emit(Insn.Xor(Reg.R0, 1));
                break;
            case ExpressionType.Not when ScalarType.IsScalar(u.Type):
                Value(u.Operand, operand);
                _emit.Emit(Insn.Xor(Reg.R0, -1));
                Normalize(u.Type);
                break;
            case ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
                or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign:
                Increment(u, path);
                break;
            default:
                throw Unsupported(u, path);
        }
    }

    private void Binary(BinaryExpression b, string path)
    {
        if (b.Method is not null && b.NodeType != ExpressionType.ArrayIndex)
        {
            throw Unsupported(b, path);
        }
        switch (b.NodeType)
        {
            case ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.And
                or ExpressionType.Or or ExpressionType.ExclusiveOr or ExpressionType.LeftShift or ExpressionType.RightShift
                or ExpressionType.Divide or ExpressionType.Modulo:
                Operands(b, path);
                Arithmetic(b.NodeType, b.Left.Type, b, path);
                break;
            case ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual:
                Operands(b, path);
                var isTrue = _emit.NewLabel();
                var done = _emit.NewLabel();
                _emit.JumpIf(JumpOf(b.NodeType, b.Left.Type), Reg.R0, Reg.R1, isTrue);
                _emit.Emit(Insn.Mov(Reg.R0, 0));
                _emit.Jump(done);
                _emit.Mark(isTrue);
                _emit.Emit(Insn.Mov(Reg.R0, 1));
                _emit.Mark(done);
                break;
            case ExpressionType.AndAlso or ExpressionType.OrElse:
                ShortCircuit(b, path);
                break;
            case ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign
                or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign
                or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign:
                Assign(b, path);
                break;
            default:
                throw Unsupported(b, path);
        }
    }

    // r0 = left, r1 = right.
    private void Operands(BinaryExpression b, string path)
    {
        if (!ScalarType.IsScalar(b.Left.Type) || !ScalarType.IsScalar(b.Right.Type))
        {
            throw Unsupported(b, path);
        }
        Value(b.Left, ExpressionPath.Append(path, "Left"));
        var slot = PushSlot(path);
        _emit.Emit(Insn.Stx(Size.DWord, Reg.R10, slot, Reg.R0));
        Value(b.Right, ExpressionPath.Append(path, "Right"));
        _emit.Emit(Insn.Mov(Reg.R1, Reg.R0));
        _emit.Emit(Insn.Ldx(Size.DWord, Reg.R0, Reg.R10, slot));
        PopSlot();
    }

    // r0 = r0 op r1 in the canonical form of the result; `node` is the dividing node for the proof.
    private void Arithmetic(ExpressionType op, Type type, BinaryExpression node, string path)
    {
        var signed = ScalarType.Of(type).Signed;
        switch (op)
        {
            case ExpressionType.Add or ExpressionType.AddAssign:
                _emit.Emit(Insn.Add(Reg.R0, Reg.R1));
                break;
            case ExpressionType.Subtract or ExpressionType.SubtractAssign:
                _emit.Emit(Insn.Sub(Reg.R0, Reg.R1));
                break;
            case ExpressionType.Multiply or ExpressionType.MultiplyAssign:
                _emit.Emit(Insn.Mul(Reg.R0, Reg.R1));
                break;
            case ExpressionType.And or ExpressionType.AndAssign:
                _emit.Emit(Insn.And(Reg.R0, Reg.R1));
                break;
            case ExpressionType.Or or ExpressionType.OrAssign:
                _emit.Emit(Insn.Or(Reg.R0, Reg.R1));
                break;
            case ExpressionType.ExclusiveOr or ExpressionType.ExclusiveOrAssign:
                _emit.Emit(Insn.Xor(Reg.R0, Reg.R1));
                break;
            case ExpressionType.LeftShift or ExpressionType.LeftShiftAssign:
                _emit.Emit(Insn.And(Reg.R1, ScalarType.Of(type).Bits == 64 ? 63 : 31));
                _emit.Emit(Insn.Lsh(Reg.R0, Reg.R1));
                break;
            case ExpressionType.RightShift or ExpressionType.RightShiftAssign:
                _emit.Emit(Insn.And(Reg.R1, ScalarType.Of(type).Bits == 64 ? 63 : 31));
                _emit.Emit(signed ? Insn.Arsh(Reg.R0, Reg.R1) : Insn.Rsh(Reg.R0, Reg.R1));
                break;
            case ExpressionType.Divide or ExpressionType.Modulo:
                RequireProvenDivisor(node, signed, path);
                _emit.Emit((op, signed) switch
                {
                    (ExpressionType.Divide, true) => Insn.SDiv(Reg.R0, Reg.R1),
                    (ExpressionType.Divide, false) => Insn.Div(Reg.R0, Reg.R1),
                    (_, true) => Insn.SMod(Reg.R0, Reg.R1),
                    _ => Insn.Mod(Reg.R0, Reg.R1),
                });
                break;
            default:
                throw Unsupported(node, path);
        }
        Normalize(node.NodeType is ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign ? node.Left.Type : node.Type);
    }

    private void RequireProvenDivisor(BinaryExpression division, bool signed, string path)
    {
        var divisor = division.Right;
        var proven = _guards.Any(g => ReferenceEquals(g.Divisor, divisor) && (g.ExcludesMinusOne || !signed))
            || (divisor is ConstantExpression { Value: { } value } && CSharpOperators.Bits(value) != 0 && !(signed && CSharpOperators.Bits(value) == ulong.MaxValue));
        if (!proven && _proveDivisors)
        {
            throw new StandInCompileException(StandInCodes.UnprovenDivisor, path, $"nothing proves {ExpressionText.Of(divisor)} non-zero{(signed ? " and not -1" : "")}");
        }
    }

    // The canonical 64-bit form of a value of `type` held in r0.
    private void Normalize(Type type)
    {
        var scalar = ScalarType.Of(type.IsEnum ? Enum.GetUnderlyingType(type) : type);
        switch (scalar.Bits, scalar.Signed)
        {
            case (64, _) or (1, _):
                break;
            case (32, false):
                _emit.Emit(Insn.Mov32(Reg.R0, Reg.R0));
                break;
            case (_, true):
                _emit.Emit(Insn.MovSx(Reg.R0, Reg.R0, scalar.Bits));
                break;
            default:
                _emit.Emit(Insn.And(Reg.R0, (int)((1L << scalar.Bits) - 1)));
                break;
        }
    }

    private static JmpOp JumpOf(ExpressionType op, Type operandType)
    {
        var signed = ScalarType.Of(operandType).Signed;
        return op switch
        {
            ExpressionType.Equal => JmpOp.Jeq,
            ExpressionType.NotEqual => JmpOp.Jne,
            ExpressionType.LessThan => signed ? JmpOp.Jslt : JmpOp.Jlt,
            ExpressionType.LessThanOrEqual => signed ? JmpOp.Jsle : JmpOp.Jle,
            ExpressionType.GreaterThan => signed ? JmpOp.Jsgt : JmpOp.Jgt,
            _ => signed ? JmpOp.Jsge : JmpOp.Jge,
        };
    }
}
