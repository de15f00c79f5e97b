using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Blocks, variables and assignments of hand-built trees. A variable is an SSA variable of
/// <see cref="SsaBuilder"/>: an assignment writes it in the current block, a use reads it there.
/// Variables start as C# zeroes them (0, false, <c>default(Verdict)</c>, which is Pass) once, on
/// entry to the lambda: a block inside a loop does not reset them, as in the CLR's compiled trees.
/// </summary>
internal sealed partial class IrLowering
{
    private Value? LowerBlock(BlockExpression node)
    {
        foreach (var variable in node.Variables)
        {
            Declare(variable);
        }
        Value? last = null;
        foreach (var e in node.Expressions)
        {
            last = LowerValue(e);
        }
        return node.Type == typeof(void) ? null : last;
    }

    private Value ReadVariable(ParameterExpression variable)
    {
        if (variable == _contextParameter)
        {
            throw Error(variable, CompileErrors.ContextMisuse(_contextParameter));
        }
        Declare(variable);
        return _ssa.ReadVariable(variable, _b.Current!);
    }

    private void Declare(ParameterExpression variable)
    {
        if (!_ssa.IsDeclared(variable))
        {
            // Phis merging the variable's values say which variable they are.
            var source = new SourceRef(variable.Name ?? "_", _b.Source?.Path ?? "");
            _ssa.Declare(variable, IrTypeOf(variable, variable.Type), InitialValue(variable, variable.Type), source);
        }
    }

    private Value LowerAssign(BinaryExpression node)
    {
        var variable = AssignedVariable(node, node.Left);
        var value = LowerValue(node.Right)!;
        _ssa.WriteVariable(variable, _b.Current!, value);
        return value;
    }

    private Value LowerCompoundAssign(BinaryExpression node) =>
        ReadModifyWrite(node, node.Method, node.Left, node.NodeType, _ => LowerValue(node.Right)!).New;

    private Value LowerIncrementAssign(UnaryExpression node)
    {
        var op = node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign
            ? ExpressionType.Add : ExpressionType.Subtract;
        var (old, value) = ReadModifyWrite(node, node.Method, node.Operand, op, type => _function.Const(type.Ir, 1));
        return node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign ? value : old;
    }

    // `x op= y`, `++x`, `x--`: reads the variable, then the right side (C#'s order), writes the result back.
    private (Value Old, Value New) ReadModifyWrite(Expression node, MethodInfo? method, Expression target, ExpressionType op, Func<ScalarLayout, Value> right)
    {
        if (method is not null)
        {
            throw Error(node, CompileErrors.UnsupportedMethod(method));
        }
        var variable = AssignedVariable(node, target);
        var type = ScalarOf(target);
        var old = ReadVariable(variable);
        var value = Arithmetic(op, type, old, right(type), node);
        _ssa.WriteVariable(variable, _b.Current!, value);
        return (old, value);
    }

    // Only block variables can be assigned: not the context, not its fields.
    private ParameterExpression AssignedVariable(Expression node, Expression target)
    {
        if (target is not ParameterExpression variable || variable == _contextParameter)
        {
            throw Error(node, CompileErrors.UnsupportedAssignmentTarget(target));
        }
        Declare(variable);
        return variable;
    }
}
