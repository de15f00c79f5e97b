using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Differential.StandIn;

/// <summary>
/// A deliberately simple compiler from expression trees to eBPF, written only to run the differential
/// harness end to end (generators, model, kernel runner, shrinker) before BpfLinq's compiler lands. It
/// is a stack machine: every node leaves its value in r0 in the canonical 64-bit form of its C# type
/// (signed types sign-extended, unsigned zero-extended), binary operators park their left operand in an
/// 8-byte r10 slot while the right one is computed, variables live in r10 slots, the context stays in
/// r6. Division needs a proof (a safe constant divisor, or a guard `d != 0 [&amp;&amp; d != -1]` / `d &gt; 0`
/// on the very node that divides); everything it does not know is a <see cref="StandInCompileException"/>
/// with a code and the node's path. No optimisation, no register allocation: it is a test double.
/// </summary>
internal sealed partial class StackCompiler
{
    private const int StackSlots = 64;

    private readonly ProgramKind _kind;
    private readonly Emitter _emit = new();
    private readonly HashSet<ParameterExpression> _contexts = [];
    private readonly Dictionary<ParameterExpression, short> _variables = [];
    private readonly Dictionary<LabelTarget, Label> _labels = [];
    private readonly List<(Expression Divisor, bool ExcludesMinusOne)> _guards = [];
    private readonly bool _proveDivisors;
    private int _slotsInUse;

    private StackCompiler(ProgramKind kind, bool proveDivisors)
    {
        _kind = kind;
        _proveDivisors = proveDivisors;
    }

    /// <summary>The stand-in as a compiler under test.</summary>
    public static CompilerUnderTest UnderTest { get; } = new(
        "stand-in stack compiler",
        Compile,
        e => e is StandInCompileException s ? new CompileError(s.Code, s.Path, s.Message) : null,
        StandInCodes.IsDocumented);

    /// <summary>A broken variant for the harness's own tests: it divides by anything, like a compiler that forgot the rule.</summary>
    public static CompilerUnderTest WithoutDivisorProofs { get; } = UnderTest with
    {
        Name = "stand-in without divisor proofs",
        Compile = (lambda, kind) => Compile(lambda, kind, proveDivisors: false),
    };

    /// <summary>Compiles a program lambda for <paramref name="kind"/>.</summary>
    public static Insn[] Compile(LambdaExpression lambda, ProgramKind kind) => Compile(lambda, kind, proveDivisors: true);

    private static Insn[] Compile(LambdaExpression lambda, ProgramKind kind, bool proveDivisors)
    {
        var compiler = new StackCompiler(kind, proveDivisors);
        compiler._contexts.Add(lambda.Parameters[0]);
        compiler._emit.Emit(Insn.Mov(Reg.R6, Reg.R1));
        compiler.Value(lambda.Body, "Body");
        compiler._emit.Emit(Insn.Exit());
        return compiler._emit.Finish();
    }

    // Computes e into r0.
    private void Value(Expression e, string path)
    {
        switch (e)
        {
            case ConstantExpression c when ScalarType.IsScalar(c.Type):
                LoadConstant(Reg.R0, CSharpOperators.Bits(c.Value!));
                break;
            case MemberExpression { Expression: null } m when m.Member.DeclaringType == typeof(Verdict):
                LoadConstant(Reg.R0, (ulong)VerdictValue(m.Member.Name, path));
                break;
            case MemberExpression or BinaryExpression { NodeType: ExpressionType.ArrayIndex } when IsCaptured(e) && ScalarType.IsScalar(e.Type):
                LoadConstant(Reg.R0, CSharpOperators.Bits(Expression.Lambda(e).Compile().DynamicInvoke()!));
                break;
            case MemberExpression { Expression: ParameterExpression p } m when _contexts.Contains(p):
                LoadField(m, -1, path);
                break;
            case BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: MemberExpression { Expression: ParameterExpression p } m } index
                when _contexts.Contains(p):
                LoadField(m, ConstantIndex(index.Right, ExpressionPath.Append(path, "Right")), path);
                break;
            case ParameterExpression p when _variables.TryGetValue(p, out var slot):
                _emit.Emit(Insn.Ldx(Size.DWord, Reg.R0, Reg.R10, slot));
                break;
            case UnaryExpression u:
                Unary(u, path);
                break;
            case BinaryExpression b:
                Binary(b, path);
                break;
            default:
                Control(e, path);
                break;
        }
    }

    private void LoadField(MemberExpression member, int index, string path)
    {
        var field = ContextFieldTable.Find((System.Reflection.PropertyInfo)member.Member)
            ?? throw Unsupported(member, path);
        if (!ContextReadability.CanRead(_kind, field.Property.Name))
        {
            throw new StandInCompileException(StandInCodes.FieldNotReadable, path, $"{field.KernelName} cannot be read by a {_kind} program");
        }
        // index is -1 for a plain member access, which must not name an array.
        if (field.IsArray != index >= 0)
        {
            throw Unsupported(member, path);
        }
        var size = field.Size switch { 1 => Size.Byte, 4 => Size.Word, _ => Size.DWord };
        _emit.Emit(Insn.Ldx(size, Reg.R0, Reg.R6, (short)field.OffsetOf(Math.Max(index, 0))));
    }

    private static int ConstantIndex(Expression index, string path) =>
        index is ConstantExpression { Value: int i } && i is >= 0 and < 5
            ? i
            : throw new StandInCompileException(StandInCodes.VariableIndex, path, "array indexes must be constants in range");

    private long VerdictValue(string name, string path)
    {
        var verdict = (Verdict)typeof(Verdict).GetProperty(name)!.GetValue(null)!;
        return verdict.IsValidFor(_kind)
            ? verdict.ToReturnValue(_kind)
            : throw new StandInCompileException(StandInCodes.ForeignVerdict, path, $"{verdict} is not a verdict of a {_kind} program");
    }

    private void LoadConstant(Reg target, ulong bits)
    {
        var value = (long)bits;
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            _emit.Emit(Insn.Mov(target, (int)value));
        }
        else
        {
            _emit.Emit(Insn.LdImm64(target, value));
        }
    }

    // An 8-byte slot below r10, released in reverse order.
    private short PushSlot(string path)
    {
        if (_slotsInUse == StackSlots)
        {
            throw new StandInCompileException(StandInCodes.TooLarge, path, "the tree needs more than 512 bytes of stack");
        }
        _slotsInUse++;
        return (short)(-8 * _slotsInUse);
    }

    private void PopSlot() => _slotsInUse--;

    // A value captured from the enclosing C# method: member and element chains over a constant.
    private static bool IsCaptured(Expression e) => e switch
    {
        ConstantExpression => true,
        MemberExpression { Expression: { } inner } => IsCaptured(inner),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => IsCaptured(b.Left) && IsCaptured(b.Right),
        _ => false,
    };

    private static StandInCompileException Unsupported(Expression e, string path) =>
        new(StandInCodes.Unsupported, path, $"the stand-in does not compile {e.NodeType} nodes like {ExpressionText.Of(e)}");
}
