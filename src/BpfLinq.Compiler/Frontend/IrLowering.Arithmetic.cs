using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Arithmetic, bitwise and shift operators with C# unchecked semantics. The tree already holds C#'s
/// promotions as Convert nodes, so an operator computes at its own type: in ALU32 for the 32-bit and
/// narrower types, with the result brought back to canonical form for the narrow ones (hand-built
/// trees may add two shorts; the CLR wraps the sum to 16 bits). Shift counts are masked as C# masks
/// them, which is what the IR's shifts do. Division and remainder compile only where the CLR could
/// not throw (see <see cref="GuardFacts"/>).
/// </summary>
internal sealed partial class IrLowering
{
    /// <summary>
    /// <c>a op b</c>: both sides, then the operation. A chain of operators (<c>a + b + c ...</c>,
    /// nested either way) is walked with an explicit stack rather than by recursion, as logical
    /// chains are (see <see cref="LowerLogicalChain"/>): the same instructions in the same order.
    /// </summary>
    private Value LowerBinary(BinaryExpression node)
    {
        var links = new Stack<(BinaryExpression Node, ScalarLayout Type, Value? Left, NodeScope? Scope)>();
        var current = node;
        NodeScope? scope = null; // the root's scope is its caller's
        Value value;
        while (true)
        {
            if (current.Method is not null)
            {
                throw Error(current, CompileErrors.UnsupportedMethod(current.Method));
            }
            var type = ScalarOf(current);
            if (IsArithmetic(current.Left))
            {
                links.Push((current, type, null, scope));
                current = (BinaryExpression)current.Left;
                scope = Enter(current);
                continue;
            }
            var left = LowerValue(current.Left)!;
            if (IsArithmetic(current.Right))
            {
                links.Push((current, type, left, scope));
                current = (BinaryExpression)current.Right;
                scope = Enter(current);
                continue;
            }
            value = Arithmetic(current.NodeType, type, left, LowerValue(current.Right)!, current);
            break;
        }
        while (links.TryPop(out var link))
        {
            scope?.Dispose();
            scope = link.Scope;
            value = link.Left is { } left
                ? Arithmetic(link.Node.NodeType, link.Type, left, value, link.Node)
                : Arithmetic(link.Node.NodeType, link.Type, value, LowerValue(link.Node.Right)!, link.Node);
        }
        scope?.Dispose();
        return value;
    }

    // The nodes LowerValue lowers with LowerBinary.
    private static bool IsArithmetic(Expression node) => node.NodeType is ExpressionType.Add or ExpressionType.Subtract
        or ExpressionType.Multiply or ExpressionType.Divide or ExpressionType.Modulo or ExpressionType.And or ExpressionType.Or
        or ExpressionType.ExclusiveOr or ExpressionType.LeftShift or ExpressionType.RightShift;

    /// <summary><c>a op b</c> at <paramref name="type"/> (for compound assignments too; <paramref name="node"/> places errors).</summary>
    private Value Arithmetic(ExpressionType op, ScalarLayout type, Value a, Value b, Expression node)
    {
        var irOp = op switch
        {
            ExpressionType.Add or ExpressionType.AddAssign => Op.Add,
            ExpressionType.Subtract or ExpressionType.SubtractAssign => Op.Sub,
            ExpressionType.Multiply or ExpressionType.MultiplyAssign => Op.Mul,
            ExpressionType.And or ExpressionType.AndAssign => Op.And,
            ExpressionType.Or or ExpressionType.OrAssign => Op.Or,
            ExpressionType.ExclusiveOr or ExpressionType.ExclusiveOrAssign => Op.Xor,
            ExpressionType.LeftShift or ExpressionType.LeftShiftAssign => Op.Shl,
            ExpressionType.RightShift or ExpressionType.RightShiftAssign => type.Signed ? Op.AShr : Op.LShr,
            ExpressionType.Divide or ExpressionType.DivideAssign => type.Signed ? Op.SDiv : Op.UDiv,
            ExpressionType.Modulo or ExpressionType.ModuloAssign => type.Signed ? Op.SRem : Op.URem,
            _ => throw Error(node, CompileErrors.UnsupportedExpression(op)),
        };
        if (irOp is Op.Shl or Op.AShr or Op.LShr && b.Type != type.Ir)
        {
            // The count is an int; a 64-bit shift takes it widened (only its low 6 bits count).
            b = _b.Unary(Op.ZExt, IrType.I64, b);
        }
        if (irOp is Op.SDiv or Op.UDiv or Op.SRem or Op.URem)
        {
            CheckDivision(op, type, a, b, node);
        }
        return Narrow(_b.Binary(irOp, type.Ir, a, b), type);
    }

    // The CLR throws on a zero divisor and, for int and long, on MinValue / -1 (and % -1). Narrower
    // types compute in int, where neither overflows, and are wrapped back.
    private void CheckDivision(ExpressionType op, ScalarLayout type, Value dividend, Value divisor, Expression node)
    {
        if (!IsReachable(_b.Current!))
        {
            return; // dead code (after a jump, in the arm of a constant condition) never divides
        }
        if (!_facts.Excludes(divisor, 0))
        {
            throw Error(node, CompileErrors.DivisorNotProvenNonZero(op));
        }
        if (type.Signed && !type.IsNarrow && !_facts.Excludes(divisor, -1) && !_facts.Excludes(dividend, type.MinValue))
        {
            throw Error(node, CompileErrors.DivisionOverflowNotExcluded(op));
        }
    }

    private Value? LowerUnary(UnaryExpression node)
    {
        if (node.Method is not null)
        {
            throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        }
        if (node.Type == typeof(bool))
        {
            return LowerBoolUnary(node);
        }
        var type = ScalarOf(node);
        if (node.NodeType == ExpressionType.Negate && type.IsNarrow)
        {
            throw Error(node, CompileErrors.NarrowNegation(node.Type));
        }
        var operand = LowerValue(node.Operand)!;
        return node.NodeType switch
        {
            ExpressionType.UnaryPlus => operand,
            ExpressionType.Negate => Narrow(_b.Unary(Op.Neg, type.Ir, operand), type),
            ExpressionType.Not or ExpressionType.OnesComplement => Narrow(_b.Unary(Op.Not, type.Ir, operand), type),
            ExpressionType.Increment => Narrow(_b.Binary(Op.Add, type.Ir, operand, _function.Const(type.Ir, 1)), type),
            ExpressionType.Decrement => Narrow(_b.Binary(Op.Sub, type.Ir, operand, _function.Const(type.Ir, 1)), type),
            _ => throw Error(node, CompileErrors.UnsupportedExpression(node.NodeType)),
        };
    }

    // !b, IsTrue(b), IsFalse(b) for their value: a condition is materialised, a bool value flipped.
    private Value LowerBoolUnary(UnaryExpression node)
    {
        if (node.NodeType == ExpressionType.IsTrue)
        {
            return LowerValue(node.Operand)!;
        }
        if (node.NodeType is not (ExpressionType.Not or ExpressionType.IsFalse))
        {
            throw Error(node, CompileErrors.UnsupportedType(node.Type));
        }
        if (IsCondition(node.Operand))
        {
            return MaterializeBool(node);
        }
        return _b.Binary(Op.Xor, IrType.I32, LowerValue(node.Operand)!, _b.I32(1));
    }

    /// <summary>Brings the result of an op back to the canonical form of a narrow type (no-op when the op preserves it).</summary>
    private Value Narrow(Value value, ScalarLayout type)
    {
        if (!type.IsNarrow || value is Instr { Op: var op } && PreservesCanonical(op, type.Signed))
        {
            return value;
        }
        return type.Signed
            ? _b.SExtIn(type.Ir, value, type.Bits)
            : _b.Binary(Op.And, type.Ir, value, _function.Const(type.Ir, (1L << type.Bits) - 1));
    }

    // Ops whose result is canonical when their operands are: bitwise ops keep the extension, and
    // right shifts and unsigned division only shrink a zero-extended value.
    private static bool PreservesCanonical(Op op, bool signed) => op switch
    {
        Op.And or Op.Or or Op.Xor => true,
        Op.Not or Op.AShr or Op.SRem => signed,
        Op.LShr or Op.UDiv or Op.URem => !signed,
        _ => false,
    };
}
