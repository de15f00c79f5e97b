using System.Linq.Expressions;
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

    private Value LowerCompoundAssign(BinaryExpression node)
    {
        if (node.Method is not null)
        {
            throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        }
        var variable = AssignedVariable(node, node.Left);
        var type = ScalarOf(node.Left);
        var old = ReadVariable(variable); // C# reads the variable before the right side runs
        var right = LowerValue(node.Right)!;
        var value = Arithmetic(node.NodeType, type, old, right, node);
        _ssa.WriteVariable(variable, _b.Current!, value);
        return value;
    }

    private Value LowerIncrementAssign(UnaryExpression node)
    {
        if (node.Method is not null)
        {
            throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        }
        var variable = AssignedVariable(node, node.Operand);
        var type = ScalarOf(node.Operand);
        var old = ReadVariable(variable);
        var op = node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign
            ? ExpressionType.Add : ExpressionType.Subtract;
        var value = Arithmetic(op, type, old, _function.Const(type.Ir, 1), node);
        _ssa.WriteVariable(variable, _b.Current!, value);
        return node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign ? value : old;
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
