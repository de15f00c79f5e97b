using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using static BpfLinq.Verdict;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Diagnostics;

/// <summary>
/// One case per construct the front end rejects: the exception's code, first line, the offending
/// expression as C# and its path from the lambda. Messages are the product's wording: a change here
/// is a change users see.
/// </summary>
public sealed class UnsupportedConstructTests
{
    private sealed record Case(string Name, LambdaExpression Lambda, ProgramKind Kind, string Code, string Summary, string Text, string Path);

    private sealed class Config
    {
        public uint MinLength { get; init; } = 64;
    }

    private static bool Same(int a, int b) => a == b;

    private sealed class Settings
    {
        public uint Limit = 64;
    }

    // A binder is all Expression.Dynamic needs; the compiler must refuse the node before binding it.
    private sealed class NoBinder : System.Runtime.CompilerServices.CallSiteBinder
    {
        public override Expression Bind(object[] args, System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> parameters, LabelTarget returnLabel) =>
            throw new NotSupportedException();
    }

    private static readonly Dictionary<string, Case> s_cases = Build();

    public static TheoryData<string> Names => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void The_error_names_the_code_the_problem_and_the_place(string name)
    {
        var c = s_cases[name];
        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(c.Lambda, c.Kind, new LoweringOptions { SourceText = "(the lambda)" }));
        e.Code.ShouldBe(c.Code);
        e.Summary.ShouldBe(c.Summary);
        e.ExpressionText.ShouldBe(c.Text);
        e.ExpressionPath.ShouldBe(c.Path);
        e.Kind.ShouldBe(c.Kind);
        e.Lambda.ShouldBe("(the lambda)");
        e.Message.ShouldStartWith($"{c.Code}: {c.Summary}\nat: {c.Text}\n");
    }

    private static Dictionary<string, Case> Build()
    {
        var cases = new List<Case>();
        void Add(string name, LambdaExpression lambda, string code, string summary, string text, string path, ProgramKind kind = ProgramKind.SocketFilter) =>
            cases.Add(new Case(name, lambda, kind, code, summary, text, path));
        Expression<Func<SkBuff, Verdict>> F(Expression<Func<SkBuff, Verdict>> e) => e;
        Expression<Func<SkBuff, long>> R(Expression<Func<SkBuff, long>> e) => e;
        LambdaExpression Tree(Func<ParameterExpression, Expression> body)
        {
            var skb = E.Parameter(typeof(SkBuff), "skb");
            return E.Lambda(body(skb), skb);
        }

        var config = new Config();
        Config? missing = null;
        Func<uint, bool> big = x => x > 5;

        Add("floating point", F(skb => skb.Len * 1.5 > 10 ? Pass : Drop), DiagnosticCode.UnsupportedType,
            "values of type double cannot be computed in an eBPF program; use bool, an integer type, char, an enum or Verdict",
            "(double)skb.Len * 1.5", "Body.Test.Left");
        Add("method call", F(skb => Math.Max(skb.Len, 5u) > 6 ? Pass : Drop), DiagnosticCode.UnsupportedMethod,
            "method Math.Max is not a BpfLinq intrinsic and cannot run in the kernel; compute its result before building the filter and capture it",
            "Math.Max(skb.Len, 5)", "Body.Test.Left");
        Add("array creation", F(skb => new[] { 1, 2 }[skb.Len & 1] > 0 ? Pass : Drop), DiagnosticCode.UnsupportedExpression,
            "objects and arrays cannot be created in an eBPF program", "new[] { 1, 2 }", "Body.Test.Left.Left");
        Add("checked arithmetic", F(skb => checked(skb.Len + 1) > 5 ? Pass : Drop), DiagnosticCode.CheckedArithmetic,
            "checked arithmetic (AddChecked) cannot be compiled: an eBPF program cannot throw on overflow; write it unchecked and test the bounds yourself",
            "checked(skb.Len + 1)", "Body.Test.Left");
        Add("checked conversion", F(skb => checked((int)skb.Len) > 5 ? Pass : Drop), DiagnosticCode.CheckedArithmetic,
            "checked arithmetic (ConvertChecked) cannot be compiled: an eBPF program cannot throw on overflow; write it unchecked and test the bounds yourself",
            "checked((int)skb.Len)", "Body.Test.Left");
        Add("unguarded division", F(skb => skb.Len / skb.Mark > 1 ? Pass : Drop), DiagnosticCode.DivisorNotProvenNonZero,
            "the divisor of this division is not proven non-zero (the CLR throws on zero, eBPF does not); guard it in the lambda (y != 0 ? x / y : 0) or call Bpf.Div, which follows eBPF's rules",
            "skb.Len / skb.Mark", "Body.Test.Left");
        Add("division guarded on the wrong side", F(skb => skb.Mark == 0 && skb.Len / skb.Mark > 1 ? Pass : Drop), DiagnosticCode.DivisorNotProvenNonZero,
            "the divisor of this division is not proven non-zero (the CLR throws on zero, eBPF does not); guard it in the lambda (y != 0 ? x / y : 0) or call Bpf.Div, which follows eBPF's rules",
            "skb.Len / skb.Mark", "Body.Test.Right.Left");
        Add("unguarded remainder", R(skb => skb.Len % skb.Mark), DiagnosticCode.DivisorNotProvenNonZero,
            "the divisor of this remainder is not proven non-zero (the CLR throws on zero, eBPF does not); guard it in the lambda (y != 0 ? x % y : 0) or call Bpf.Rem, which follows eBPF's rules",
            "skb.Len % skb.Mark", "Body.Operand");
        Add("signed division that may overflow", R(skb => skb.Mark != 0 ? (int)skb.Len / (int)skb.Mark : 0), DiagnosticCode.DivisionOverflowNotExcluded,
            "this signed division may compute MinValue / -1, which throws in the CLR; guard the divisor (y > 0, y != -1) or the dividend (x != MinValue), or call Bpf.Div, which follows eBPF's rules",
            "(int)skb.Len / (int)skb.Mark", "Body.Operand.IfTrue");
        Add("field a socket filter cannot read", F(skb => skb.Tstamp > 0 ? Pass : Drop), DiagnosticCode.ContextFieldNotReadable,
            "field SkBuff.Tstamp cannot be read by a SocketFilter program (readable by Tc and CgroupSkb programs)",
            "skb.Tstamp", "Body.Test.Left");
        Add("field sk_skb cannot read", F(skb => skb.Mark == 1 ? Pass : Drop), DiagnosticCode.ContextFieldNotReadable,
            "field SkBuff.Mark cannot be read by a SkSkb program (readable by SocketFilter, Tc and CgroupSkb programs)",
            "skb.Mark", "Body.Test.Left", ProgramKind.SkSkb);
        Add("verdict of another kind", F(skb => skb.Len > 5 ? Tx : Drop), DiagnosticCode.VerdictNotValidForKind,
            "Verdict.Tx is not a verdict of a SocketFilter program (it has Pass, Drop and Keep)", "Verdict.Tx", "Body.IfTrue");
        Add("keep outside a socket filter", F(skb => Keep(64)), DiagnosticCode.VerdictNotValidForKind,
            "Verdict.Keep is not a verdict of a Tc program (it has Pass and Drop)", "Verdict.Keep(64)", "Body", ProgramKind.Tc);
        Add("variable index into cb", F(skb => skb.Cb[skb.Len & 3] > 0 ? Pass : Drop), DiagnosticCode.ContextIndexNotConstant,
            "SkBuff.Cb must be indexed with a constant: the kernel needs a fixed offset into the context", "checked((int)(skb.Len & 3))", "Body.Test.Left.Right");
        Add("index past cb", F(skb => skb.Cb[5] > 0 ? Pass : Drop), DiagnosticCode.ContextIndexOutOfRange,
            "index 5 is outside SkBuff.Cb, which has 5 elements", "skb.Cb[5]", "Body.Test.Left");
        Add("context compared", F(skb => skb == null ? Drop : Pass), DiagnosticCode.ContextMisuse,
            "the context skb can only be used to read its fields", "skb", "Body.Test.Left");
        Add("context array as a whole", F(skb => skb.Cb == null ? Drop : Pass), DiagnosticCode.ContextArrayAsValue,
            "SkBuff.Cb is an array of the context: read one element with a constant index (Cb[0])", "skb.Cb", "Body.Test.Left");
        Add("captured object", F(skb => config != null ? Pass : Drop), DiagnosticCode.UnsupportedCapturedValue,
            "captured config is of type Config, which cannot become a constant; capture a bool, integer, char, enum or Verdict value (or an Expression<Func<...>> to invoke) instead",
            "config", "Body.Test.Left");
        Add("captured value that throws", F(skb => skb.Len > missing!.MinLength ? Pass : Drop), DiagnosticCode.CapturedValueFailed,
            "reading captured missing.MinLength at compile time failed: an object on the way is null",
            "missing.MinLength", "Body.Test.Right");
        Add("compiled delegate", F(skb => big(skb.Len) ? Pass : Drop), DiagnosticCode.InvocationNotInlinable,
            "an invoked Func<uint, bool> cannot be inlined: only expression trees can; capture an Expression<Func<uint, bool>> and invoke it with .Compile()(...), or write the code inline",
            "big", "Body.Test.Expression");
        Add("static property", F(skb => skb.Len > Environment.ProcessorCount ? Pass : Drop), DiagnosticCode.UnsupportedMember,
            "Environment.ProcessorCount is neither a context field nor a captured value; read it into a local variable before building the filter and capture the local",
            "Environment.ProcessorCount", "Body.Test.Right.Operand");
        Add("decimal conversion", R(skb => (long)(decimal)skb.Len), DiagnosticCode.UnsupportedConversion,
            "the conversion from decimal to long cannot be compiled; conversions among bool (to an integer), the integer types, char and enums can",
            "(long)(decimal)skb.Len", "Body");
        Add("type test", F(skb => (object)skb.Len is int ? Pass : Drop), DiagnosticCode.UnsupportedExpression,
            "TypeIs expressions cannot be compiled to eBPF; use operators, conditionals, context fields and BpfLinq intrinsics",
            "(object)skb.Len is int", "Body.Test");
        Add("xdp lambda as a socket filter", (Expression<Func<XdpMd, Verdict>>)(x => Pass), DiagnosticCode.ContextKindMismatch,
            "a SocketFilter program does not receive a XdpMd; its context is SkBuff", "x => Verdict.Pass", "");
        Add("string result", (Expression<Func<SkBuff, string>>)(skb => "x"), DiagnosticCode.UnsupportedSignature,
            "a program is a lambda from one context (SkBuff or XdpMd) to Verdict, an integer or bool, not Func<SkBuff, string>", "skb => \"x\"", "");
        Add("assignment to a context field", Tree(skb => E.Block(E.Assign(E.Property(skb, nameof(SkBuff.Mark)), E.Constant(5u)), E.Constant(1L))),
            DiagnosticCode.UnsupportedAssignmentTarget, "skb.Mark cannot be assigned: only block variables can (the context is read-only)",
            "skb.Mark = 5", "Body.Expressions[0]");
        Add("assignment to the context", Tree(skb => E.Block(E.Assign(skb, E.Constant(null, typeof(SkBuff))), E.Constant(1L))),
            DiagnosticCode.UnsupportedAssignmentTarget, "lambda parameter skb cannot be assigned; assign a block variable",
            "skb = null", "Body.Expressions[0]");
        Add("switch with a variable case", Tree(skb => E.Switch(E.Convert(E.Property(skb, nameof(SkBuff.Len)), typeof(int)), E.Constant(0L),
            E.SwitchCase(E.Constant(1L), E.Convert(E.Property(skb, nameof(SkBuff.Mark)), typeof(int))))),
            DiagnosticCode.UnsupportedSwitch, "switch case values must be constants", "(int)skb.Mark", "Body.Cases[0].TestValues[0]");
        Add("switch with a comparison method", Tree(skb => E.Switch(E.Convert(E.Property(skb, nameof(SkBuff.Len)), typeof(int)), E.Constant(0L),
            typeof(UnsupportedConstructTests).GetMethod(nameof(Same), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static),
            E.SwitchCase(E.Constant(1L), E.Constant(3)))),
            DiagnosticCode.UnsupportedSwitch, "a switch that compares with UnsupportedConstructTests.Same cannot be compiled; use the built-in equality of an integer, char, bool or enum",
            "switch ((int)skb.Len) { case 3: 1; default: 0; }", "Body");
        Add("loop that never ends", Tree(skb => E.Block(E.Loop(E.Empty()), E.Constant(1L))), DiagnosticCode.NoReturn,
            "the program never returns: every path ends in a loop without a reachable break; give the loop an exit",
            "{ while (true) { { }; } 1; }", "Body");
        Add("goto to a missing label", Tree(skb => E.Block(E.Goto(E.Label("nowhere")), E.Constant(1L))), DiagnosticCode.UnsupportedExpression,
            "this goto jumps to a label that is not in the lambda; add a LabelExpression for it", "goto nowhere", "Body.Expressions[0]");
        Add("short negation", Tree(skb => E.Convert(E.Negate(E.Convert(E.Property(skb, nameof(SkBuff.Len)), typeof(short))), typeof(long))),
            DiagnosticCode.UnsupportedExpression,
            "negating a short (a hand-built Negate node) is not supported: the CLR leaves its result outside the short range; convert the operand to int first, as C# does",
            "-(short)skb.Len", "Body.Operand");
        Add("lambda that is not invoked", Tree(skb => E.Block(E.Lambda(E.Constant(1)), E.Constant(1L))), DiagnosticCode.UnsupportedExpression,
            "a lambda that is not invoked cannot be compiled; invoke it or write its body inline", "() => 1", "Body.Expressions[0]");
        Add("power", Tree(skb => E.Convert(E.Power(E.Constant(2.0), E.Constant(3.0)), typeof(long))), DiagnosticCode.UnsupportedType,
            "values of type double cannot be computed in an eBPF program; use bool, an integer type, char, an enum or Verdict",
            "Math.Pow(2, 3)", "Body.Operand");
        var settings = new Settings();
        Add("assignment to a captured variable", Tree(skb => E.Block(E.Assign(E.Field(E.Constant(settings), nameof(Settings.Limit)), E.Constant(5u)), E.Constant(1L))),
            DiagnosticCode.UnsupportedAssignmentTarget, "captured value(Settings).Limit cannot be assigned: captured values are constants of the program; assign a block variable",
            "value(Settings).Limit = 5", "Body.Expressions[0]");
        Add("increment of a captured variable", Tree(skb => E.Block(E.PostIncrementAssign(E.Field(E.Constant(settings), nameof(Settings.Limit))), E.Constant(1L))),
            DiagnosticCode.UnsupportedAssignmentTarget, "captured value(Settings).Limit cannot be assigned: captured values are constants of the program; assign a block variable",
            "value(Settings).Limit++", "Body.Expressions[0]");
        Add("dynamic operation", Tree(skb => E.Dynamic(new NoBinder(), typeof(long), E.Constant(1L))), DiagnosticCode.UnsupportedExpression,
            "dynamic operations (Expression.Dynamic, C#'s dynamic) cannot be compiled to eBPF: they are bound at run time; build the tree with statically typed nodes",
            "[Dynamic]", "Body");
        Add("value of a null nullable constant", F(skb => default(int?)!.Value > 0 ? Pass : Drop), DiagnosticCode.UnsupportedExpression,
            "default(int?).Value has no value (the constant is null): .NET throws InvalidOperationException; test HasValue or use GetValueOrDefault()",
            "default(int?).Value", "Body.Test.Left");
        return cases.ToDictionary(c => c.Name);
    }
}
