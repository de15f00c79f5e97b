using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Blocks, variables and assignments of hand-built trees. A variable is an SSA variable of
/// <see cref="SsaBuilder"/>: an assignment writes it in the current block, a use reads it there.
/// Variables are scoped as in C# and as the CLR's interpreter (what <c>Evaluate</c> runs for trees
/// with statements) scopes them: each entry to a block makes its variables anew, as C# zeroes them
/// (0, false, <c>default(Verdict)</c>, which is Pass) — in a loop, on every iteration — and a
/// <see cref="ParameterExpression"/> declared again by an inner block is another variable there,
/// hiding the outer one, as is one declared again by a sibling block. (The CLR's compiled trees do
/// not zero a block's variables: they read whatever an earlier block left in the reused IL local.)
/// </summary>
internal sealed partial class IrLowering
{
    // The declaration each variable means here: the innermost enclosing block's (absent: the variable itself).
    private readonly Dictionary<ParameterExpression, object> _declarations = [];

    private Value? LowerBlock(BlockExpression node) => LowerBlock(node, LowerValue);

    // A block whose last expression is lowered by lowerLast, inside the block's scope (as a branch, for one).
    private Value? LowerBlock(BlockExpression node, Func<Expression, Value?> lowerLast)
    {
        var hidden = new List<(ParameterExpression Variable, object? Outer)>(node.Variables.Count);
        foreach (var variable in node.Variables)
        {
            hidden.Add((variable, _declarations.GetValueOrDefault(variable)));
            var declaration = new object();
            _declarations[variable] = declaration;
            Declare(declaration, variable);
            _ssa.WriteVariable(declaration, _b.Current!, InitialValue(variable, variable.Type));
        }
        Value? last = null;
        for (var k = 0; k < node.Expressions.Count; k++)
        {
            last = k < node.Expressions.Count - 1 ? LowerValue(node.Expressions[k]) : lowerLast(node.Expressions[k]);
        }
        foreach (var (variable, outer) in hidden)
        {
            if (outer is null)
            {
                _declarations.Remove(variable);
            }
            else
            {
                _declarations[variable] = outer;
            }
        }
        return node.Type == typeof(void) ? null : last;
    }

    private Value ReadVariable(ParameterExpression variable)
    {
        if (variable == _contextParameter)
        {
            throw Error(variable, CompileErrors.ContextMisuse(_contextParameter));
        }
        return _ssa.ReadVariable(Declare(variable), _b.Current!);
    }

    // The SSA variable `variable` names here, declared if it is new: a block's declaration of it, or
    // (a lambda parameter, a captured variable inside a loop callback) the variable itself.
    private object Declare(ParameterExpression variable)
    {
        var declaration = _declarations.GetValueOrDefault(variable) ?? variable;
        Declare(declaration, variable);
        return declaration;
    }

    private void Declare(object declaration, ParameterExpression variable)
    {
        if (!_ssa.IsDeclared(declaration))
        {
            // Phis merging the variable's values say which variable they are.
            var source = new SourceRef(variable.Name ?? "_", _b.Source?.Path ?? "");
            _ssa.Declare(declaration, IrTypeOf(variable, variable.Type), InitialValue(variable, variable.Type), source);
        }
    }

    private Value LowerAssign(BinaryExpression node)
    {
        var variable = AssignedVariable(node, node.Left);
        var value = LowerValue(node.Right)!;
        _ssa.WriteVariable(Declare(variable), _b.Current!, value);
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
        _ssa.WriteVariable(Declare(variable), _b.Current!, value);
        return (old, value);
    }

    // Only block variables can be assigned: not the context, not its fields.
    private ParameterExpression AssignedVariable(Expression node, Expression target)
    {
        if (target is not ParameterExpression variable || variable == _contextParameter)
        {
            throw Error(node, CompileErrors.UnsupportedAssignmentTarget(target));
        }
        return variable;
    }
}
