using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// Every user-facing compile error message, in one place so the wording is consistent and testable
/// (System.Linq.Expressions' <c>Error</c> class). Each message names the thing and says what to do.
/// </summary>
internal static class CompileErrors
{
    private static string Type(Type t) => CSharpRenderer.TypeName(t);

    public static CompileError UnsupportedExpression(ExpressionType nodeType) =>
        new(DiagnosticCode.UnsupportedExpression, nodeType switch
        {
            ExpressionType.Lambda => "a lambda that is not invoked cannot be compiled; invoke it or write its body inline",
            ExpressionType.Dynamic => "dynamic operations (Expression.Dynamic, C#'s dynamic) cannot be compiled to eBPF: they are bound at run time; build the tree with statically typed nodes",
            ExpressionType.New or ExpressionType.NewArrayInit or ExpressionType.NewArrayBounds
                or ExpressionType.MemberInit or ExpressionType.ListInit => "objects and arrays cannot be created in an eBPF program",
            _ => $"{nodeType} expressions cannot be compiled to eBPF; use operators, conditionals, context fields and BpfLinq intrinsics",
        });

    public static CompileError NarrowNegation(Type type) =>
        new(DiagnosticCode.UnsupportedExpression, $"negating a {Type(type)} (a hand-built Negate node) is not supported: the CLR leaves its result outside the {Type(type)} range; convert the operand to int first, as C# does");

    public static CompileError InliningTooDeep(int depth, string what) =>
        new(DiagnosticCode.UnsupportedExpression, $"inlined {what} nest more than {depth} deep; write fewer levels (a BpfFunction with FunctionInlining.Never is a subprogram, not inlined)");

    public static CompileError InliningRecursion(string cycle) =>
        new(DiagnosticCode.UnsupportedExpression, $"{cycle}: eBPF programs cannot recurse; write it as a loop (Bpf.Fold)");

    public static CompileError UnsupportedType(Type type) =>
        new(DiagnosticCode.UnsupportedType, $"values of type {Type(type)} cannot be computed in an eBPF program; use bool, an integer type, char, an enum or Verdict");

    public static CompileError UnsupportedMethod(MethodInfo method) =>
        new(DiagnosticCode.UnsupportedMethod, method.Name.StartsWith("op_", StringComparison.Ordinal)
            ? $"operator {method.Name[3..]} of {Type(method.DeclaringType!)} is not supported in an eBPF program"
            : $"method {Type(method.DeclaringType!)}.{method.Name} is not a BpfLinq intrinsic and cannot run in the kernel; compute its result before building the filter and capture it");

    public static CompileError UnsupportedMember(MemberInfo member) =>
        new(DiagnosticCode.UnsupportedMember, $"{Type(member.DeclaringType!)}.{member.Name} is neither a context field nor a captured value; read it into a local variable before building the filter and capture the local");

    public static CompileError UnknownContextMember(MemberInfo member) =>
        new(DiagnosticCode.UnsupportedMember, $"{Type(member.DeclaringType!)}.{member.Name} is not a field of the kernel's context and cannot be read by a program");

    public static CompileError UnsupportedCapturedValue(string name, Type type) =>
        new(DiagnosticCode.UnsupportedCapturedValue, $"captured {name} is of type {Type(type)}, which cannot become a constant; capture a bool, integer, char, enum or Verdict value (or an Expression<Func<...>> to invoke) instead");

    public static CompileError CapturedValueFailed(string name, Exception e) =>
        new(DiagnosticCode.CapturedValueFailed, e is TargetException // reflection's word for reading a member of null
            ? $"reading captured {name} at compile time failed: an object on the way is null"
            : $"reading captured {name} at compile time threw {e.GetType().Name}: {e.Message}");

    public static CompileError CapturedValueAssigned(Expression target) =>
        new(DiagnosticCode.UnsupportedAssignmentTarget, $"captured {CSharpRenderer.Render(target)} cannot be assigned: captured values are constants of the program; assign a block variable");

    public static CompileError NullableWithoutValue(MemberExpression member) =>
        new(DiagnosticCode.UnsupportedExpression, member.Member.Name == nameof(Nullable<int>.Value)
            ? $"{CSharpRenderer.Render(member)} has no value (the constant is null): .NET throws InvalidOperationException; test HasValue or use GetValueOrDefault()"
            : $"{Type(member.Member.DeclaringType!)}.{member.Member.Name} of a constant cannot be compiled; nullable constants support HasValue, Value and GetValueOrDefault()");

    public static CompileError ContextIndexNotConstant(ContextField field) =>
        new(DiagnosticCode.ContextIndexNotConstant, $"{FieldName(field)} must be indexed with a constant: the kernel needs a fixed offset into the context");

    public static CompileError ContextIndexOutOfRange(ContextField field, long index) =>
        new(DiagnosticCode.ContextIndexOutOfRange, $"index {index} is outside {FieldName(field)}, which has {field.Count} elements");

    public static CompileError CheckedArithmetic(ExpressionType nodeType) =>
        new(DiagnosticCode.CheckedArithmetic, $"checked arithmetic ({nodeType}) cannot be compiled: an eBPF program cannot throw on overflow; write it unchecked and test the bounds yourself");

    public static CompileError DivisorNotProvenNonZero(ExpressionType nodeType) =>
        new(DiagnosticCode.DivisorNotProvenNonZero, $"the divisor of this {OperationName(nodeType)} is not proven non-zero (the CLR throws on zero, eBPF does not); guard it in the lambda (y != 0 ? x {Symbol(nodeType)} y : 0) or call Bpf.{IntrinsicName(nodeType)}, which follows eBPF's rules");

    public static CompileError DivisionOverflowNotExcluded(ExpressionType nodeType) =>
        new(DiagnosticCode.DivisionOverflowNotExcluded, $"this signed {OperationName(nodeType)} may compute MinValue {Symbol(nodeType)} -1, which throws in the CLR; guard the divisor (y > 0, y != -1) or the dividend (x != MinValue), or call Bpf.{IntrinsicName(nodeType)}, which follows eBPF's rules");

    public static CompileError ContextFieldNotReadable(ContextField field, ProgramKind kind)
    {
        var readers = field.ReadableBy.Order().ToList();
        var hint = readers.Count == 0 ? "no program kind BpfLinq compiles can read it" : $"readable by {Join(readers)} programs";
        return new(DiagnosticCode.ContextFieldNotReadable, $"field {FieldName(field)} cannot be read by a {kind} program ({hint})");
    }

    public static CompileError PacketViewMisuse(Type view) =>
        new(DiagnosticCode.PacketViewMisuse, $"a {Type(view)} view cannot be stored, chosen or passed around in an eBPF program; read its fields where you need them (ip.Protocol, not var ip = ...)");

    public static CompileError PacketArgumentNotConstant(Expression argument) =>
        new(DiagnosticCode.PacketArgument, $"{CSharpRenderer.Render(argument)} must be known when the filter is compiled (a constant or a captured value), not computed from the packet");

    public static CompileError PacketArgumentOutOfRange(Expression argument, string allowed) =>
        new(DiagnosticCode.PacketArgument, $"{CSharpRenderer.Render(argument)} must be {allowed}");

    public static CompileError PacketAddressFamily(Expression argument, string family) =>
        new(DiagnosticCode.PacketArgument, $"{CSharpRenderer.Render(argument)} must be {family} address or network");

    public static CompileError PacketHeaderNotVisible(Type view, ProgramKind kind) =>
        new(DiagnosticCode.PacketHeaderNotVisible, $"a {kind} program sees the stream's data, not packet headers: {Type(view)} is not available; read the data with Packet.U8/U16/U32 at offsets");

    public static CompileError VerdictNotValidForKind(Verdict verdict, ProgramKind kind)
    {
        var valid = Enum.GetValues<VerdictKind>().Where(ProgramKindTable.Of(kind).Allows).Select(k => k.ToString()).ToList();
        return new(DiagnosticCode.VerdictNotValidForKind, $"Verdict.{verdict.Kind} is not a verdict of a {kind} program (it has {Join(valid)})");
    }

    public static CompileError UnsupportedAssignmentTarget(Expression target) =>
        new(DiagnosticCode.UnsupportedAssignmentTarget, target is ParameterExpression
            ? $"lambda parameter {CSharpRenderer.Render(target)} cannot be assigned; assign a block variable"
            : $"{CSharpRenderer.Render(target)} cannot be assigned: only block variables can (the context is read-only)");

    public static CompileError SwitchCaseNotConstant() =>
        new(DiagnosticCode.UnsupportedSwitch, "switch case values must be constants");

    public static CompileError SwitchComparison(MethodInfo method) =>
        new(DiagnosticCode.UnsupportedSwitch, $"a switch that compares with {Type(method.DeclaringType!)}.{method.Name} cannot be compiled; use the built-in equality of an integer, char, bool or enum");

    public static CompileError InvocationNotInlinable(Type delegateType) =>
        new(DiagnosticCode.InvocationNotInlinable, $"an invoked {Type(delegateType)} cannot be inlined: only expression trees can; capture an Expression<{Type(delegateType)}> and invoke it with .Compile()(...), or write the code inline");

    public static CompileError ContextMisuse(ParameterExpression context) =>
        new(DiagnosticCode.ContextMisuse, $"the context {context.Name} can only be used to read its fields");

    public static CompileError UnsupportedConversion(Type from, Type to) =>
        new(DiagnosticCode.UnsupportedConversion, $"the conversion from {Type(from)} to {Type(to)} cannot be compiled; conversions among bool (to an integer), the integer types, char and enums can");

    public static CompileError ContextKindMismatch(Type context, ProgramKind kind) =>
        new(DiagnosticCode.ContextKindMismatch, context == typeof(SkBuff) || context == typeof(XdpMd)
            ? $"a {kind} program does not receive a {Type(context)}; its context is {Type(ContextTypes.ContextOf(kind))}"
            : $"{Type(context)} is not a program context; use SkBuff or XdpMd");

    public static CompileError UnsupportedSignature(LambdaExpression lambda) =>
        new(DiagnosticCode.UnsupportedSignature, $"a program is a lambda from one context (SkBuff or XdpMd) to Verdict, an integer or bool, not {Type(lambda.Type)}");

    public static CompileError LabelNotInTree() =>
        new(DiagnosticCode.UnsupportedExpression, "this goto jumps to a label that is not in the lambda; add a LabelExpression for it");

    public static CompileError NoReturn() =>
        new(DiagnosticCode.NoReturn, "the program never returns: every path ends in a loop without a reachable break; give the loop an exit");

    public static CompileError ContextArrayAsValue(ContextField field) =>
        new(DiagnosticCode.ContextArrayAsValue, $"{FieldName(field)} is an array of the context: read one element with a constant index ({field.Property.Name}[0])");

    public static CompileError MapNotCaptured(Expression map) =>
        new(DiagnosticCode.MapMisuse, $"`{CSharpRenderer.Render(map)}` is not a map captured from C#: declare the map outside the lambda (var counts = new HashMap<uint, ulong>(1024);) and use that variable");

    public static CompileError MapLayout(Type type, string reason) =>
        new(DiagnosticCode.MapMisuse, $"{Type(type)} cannot be a map key or value: {reason}");

    public static CompileError MapAddNotInteger(Type value) =>
        new(DiagnosticCode.MapMisuse, $"Increment and Add are atomic integer additions; the value type {Type(value)} is not an integer: look the value up, compute, and Update it");

    public static CompileError MapStructValue(Type value) =>
        new(DiagnosticCode.MapMisuse, $"a looked-up {Type(value)} is read through its fields (counts.GetValueOrDefault(key).Packets), not used whole");

    public static CompileError HelperArgumentNotConstant(string parameter, string method) =>
        new(DiagnosticCode.HelperArgument, $"the {parameter} of {method} must be a constant the compiler can read (a literal or a captured value)");

    public static CompileError HelperArgumentOutOfRange(string parameter, string method, string allowed) =>
        new(DiagnosticCode.HelperArgument, $"the {parameter} of {method} must be {allowed}");

    public static CompileError ByteBufferAsValue() =>
        new(DiagnosticCode.HelperArgument, "a byte buffer from LoadBytes lives on the program's stack: pass it straight to Strncmp or Strcmp (Bpf.Strncmp(skb.LoadBytes(i, 6), 6, \"foobar\"))");

    public static CompileError TraceFormat(string problem) =>
        new(DiagnosticCode.HelperArgument, $"TracePrintk format: {problem}");

    public static CompileError TableIndexNotMasked(int length) =>
        new(DiagnosticCode.HelperArgument, $"a captured array of {length} elements indexed by a computed value must be indexed in range by construction: mask the index (table[x & {MaskHint(length)}])");

    private static int MaskHint(int length) => length <= 1 ? 0 : (1 << System.Numerics.BitOperations.Log2((uint)length)) - 1;

    public static CompileError PacketWriteWithViews() =>
        new(DiagnosticCode.HelperNotAvailable, "a program that writes its packet (StoreBytes, checksum updates) reads it with skb.LoadBytes, not ctx.Packet, whose reads the compiler takes as unchanging");

    public static CompileError HelperNotAvailable(string method, ProgramKind kind, string instead) =>
        new(DiagnosticCode.HelperNotAvailable, $"{method} is not available to {kind} programs{instead}");

    public static CompileError CallChainTooLong(string what) =>
        new(DiagnosticCode.KernelLimitExceeded, $"{what}: inline some functions (FunctionInlining.Always) or call them one after another rather than one inside another");

    public static CompileError LoopOverBudget(string method, int count, LoopStrategy strategy, double estimate) =>
        new(DiagnosticCode.KernelLimitExceeded, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Bpf.{method} with LoopStrategy.{strategy} runs {count:N0} iterations in the program itself, which the kernel verifier walks one by one: about {estimate:N0} instructions, over its budget of 1,000,000. Use LoopStrategy.Callback (bpf_loop, verified once), fewer iterations or a smaller body"));

    public static CompileError FrameTooLarge(string what) =>
        new(DiagnosticCode.KernelLimitExceeded, $"{what}: use smaller buffers or keys, or fewer of them at once (a buffer shares its bytes with buffers not in use at the same time)");

    public static CompileError FunctionMisuse(string what) =>
        new(DiagnosticCode.FunctionMisuse, what);

    public static CompileError ProgramTooLarge(int maxNodes) =>
        new(DiagnosticCode.ProgramTooLarge, $"the lambda has more than {maxNodes:N0} expression nodes, more than BpfLinq compiles (the kernel loads at most one million instructions); keep generated rules in a map and look them up");

    public static CompileError StackTooLarge(int values, int bytes, int limit) =>
        new(DiagnosticCode.StackTooLarge, $"the program keeps {values} values alive at once, which needs {bytes} bytes of stack; the kernel allows {limit} per function: nest long chains to the left (((a == b) == c) ...) so each step finishes before the next begins");

    private static string FieldName(ContextField field) => $"{field.Property.DeclaringType!.Name}.{field.Property.Name}";

    private static string Join<T>(IReadOnlyList<T> items) => items.Count switch
    {
        0 => "none",
        1 => $"{items[0]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string OperationName(ExpressionType nodeType) =>
        nodeType is ExpressionType.Modulo or ExpressionType.ModuloAssign ? "remainder" : "division";

    private static string Symbol(ExpressionType nodeType) =>
        nodeType is ExpressionType.Modulo or ExpressionType.ModuloAssign ? "%" : "/";

    private static string IntrinsicName(ExpressionType nodeType) =>
        nodeType is ExpressionType.Modulo or ExpressionType.ModuloAssign ? "Rem" : "Div";
}
