using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Maps;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Maps;

/// <summary>
/// Maps, helpers, functions and loops used in ways a program cannot: each is a compile error with a
/// stable code and a message that says what to do, never a verifier rejection.
/// </summary>
public sealed class MapAndHelperErrorTests
{
    private static readonly HashMap<uint, bool> s_flags = new(4, "flags");
    private static readonly BpfFunction<uint, uint, uint, uint> s_three = new((a, b, c) => a + b + c, FunctionInlining.Never, "three");

    private static readonly Dictionary<string, (LambdaExpression Lambda, string Code, string Message)> s_cases = new()
    {
        ["a map built inside the lambda"] = (F(s => new HashMap<uint, uint>(4, null).ContainsKey(s.Len) ? Pass : Drop), DiagnosticCode.MapMisuse, "not a map captured from C#"),
        ["Increment on a bool value"] = (F(s => s_flags.Increment(s.Len) == 0 ? Pass : Drop), DiagnosticCode.MapMisuse, "not an integer"),
        ["a byte buffer not from LoadBytes"] = (F(s => Bpf.Strncmp(new byte[4], 4, "abcd") == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "pass it straight to Strncmp"),
        ["a strncmp length from the packet"] = (F(s => Bpf.Strncmp(s.LoadBytes(0, 4), (int)s.Len, "abcd") == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "must be a constant"),
        ["a strncmp length beyond the buffer"] = (F(s => Bpf.Strncmp(s.LoadBytes(0, 4), 5, "abcde") == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "from 1 to the buffer's 4 bytes"),
        ["a LoadBytes length too large"] = (F(s => Bpf.Strcmp(s.LoadBytes(0, 300), "a") == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "from 1 to 256"),
        ["a trace format with %s"] = (F(s => Bpf.Then(Bpf.TracePrintk("%s", s.Len), Pass)), DiagnosticCode.HelperArgument, "strings and pointers cannot be printed"),
        ["a trace format missing an argument"] = (F(s => Bpf.Then(Bpf.TracePrintk("%u %u", s.Len), Pass)), DiagnosticCode.HelperArgument, "has 2 conversions for 1 arguments"),
        ["an inline loop with a count from the packet"] = (F(s => Bpf.Any((int)s.Len, i => i > 3, LoopStrategy.Inline) ? Pass : Drop), DiagnosticCode.HelperArgument, "must be a constant"),
        ["an unrolled loop too long"] = (F(s => Bpf.Any(17, i => i > 3, LoopStrategy.Unroll) ? Pass : Drop), DiagnosticCode.HelperArgument, "at most 16"),
        ["a kfunc name computed"] = (F(s => Bpf.CallKfunc(s.Len > 0 ? "a" : "b") == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "name of Bpf.CallKfunc must be a constant"),
        ["a negative helper id"] = (F(s => Bpf.CallHelper(-1) == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "helper id of Bpf.CallHelper must be a kernel helper id from 1 to 211"),
        ["helper id 0 (BPF_FUNC_unspec)"] = (F(s => Bpf.CallHelper(0) == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "from 1 to 211"),
        ["a helper id past the kernel's last"] = (F(s => Bpf.CallHelper(9999) == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "from 1 to 211"),
        ["six helper arguments"] = (F(s => Bpf.CallHelper(5, 1, 2, 3, 4, 5, 6) == 0 ? Pass : Drop), DiagnosticCode.HelperArgument, "at most five arguments"),
    };

    public static TheoryData<string> Names => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Is_a_compile_error_that_says_what_to_do(string name)
    {
        var c = s_cases[name];

        var e = Should.Throw<BpfCompileException>(() => IrLowering.LowerModule(c.Lambda, ProgramKind.Tc, new LoweringOptions { SourceText = "(the lambda)" }));

        e.Code.ShouldBe(c.Code);
        e.Message.ShouldContain(c.Message);
    }

    [Fact]
    public void Trace_formats_follow_printf_for_the_integers_the_kernel_prints()
    {
        TraceFormat.Format("len %u, delta %d, big %llu, 100%%", [7, -3, -1]).ShouldBe("len 7, delta -3, big 18446744073709551615, 100%");
        TraceFormat.Format("mask %x", [255]).ShouldBe("mask ff");
        TraceFormat.Check("%d %d %d %d", out _).ShouldNotBeNull().ShouldContain("at most 3");
        TraceFormat.Format("%d", [-1L << 40]).ShouldBe("0"); // %d prints the low 32 bits, as C's int
    }

    [Fact]
    public void Strings_are_stored_once_in_the_programs_read_only_data()
    {
        var program = Bpf.Filter<SkBuff>(s => Bpf.Strncmp(s.LoadBytes(0, 4), 3, "abc") == 0 || Bpf.Strncmp(s.LoadBytes(4, 4), 3, "abc") == 0 ? Drop : Pass)
            .Compile(ProgramKind.SocketFilter);

        var data = program.Maps.ShouldHaveSingleItem().ShouldBeOfType<ConstantMap>();
        data.Value.ToArray().ShouldBe("abc\0\0\0\0\0"u8.ToArray());
        data.Flags.ShouldBe(1u << 7); // BPF_F_RDONLY_PROG: bpf_strncmp insists on a read-only string
    }

    [Fact]
    public void A_function_with_three_parameters_is_one_subprogram_taking_them_in_r1_to_r3()
    {
        var program = Bpf.Program<SkBuff>(s => s_three.Invoke(s.Len, s.Protocol, 5)).Compile(ProgramKind.Tc);

        program.Functions.Count.ShouldBe(2);
        program.Disassemble().ShouldContain("call pc+");
    }

    private static Expression<Func<SkBuff, Verdict>> F(Expression<Func<SkBuff, Verdict>> e) => e;
}
