using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

/// <summary>A BPF-to-BPF call carrying func_info and line_info that refer to BTF from <see cref="BtfBuilder"/>.</summary>
public class FuncInfoTests
{
    // main: r0 = sub(); r0 += 1; return r0        sub: return 41
    private static readonly Insn[] s_mainCallsSub =
    [
        Insn.CallLocal(2),       // 0: call insn 3
        Insn.Add(Reg.R0, 1),     // 1
        Insn.Exit(),             // 2
        Insn.Mov(Reg.R0, 41),    // 3: sub
        Insn.Exit(),             // 4
    ];

    // FUNCs main and sub (int (void), what the verifier checks a subprogram's r0 against), built by
    // the BTF encoder, plus line_info whose file and source text live in the same string table.
    private static (byte[] Blob, uint Main, uint Sub, LineInfo[] Lines) MinimalBtf()
    {
        var builder = new BtfBuilder();
        var proto = new BtfFuncProto(new BtfInt("int", 4, BtfIntEncoding.Signed));
        uint main = (uint)builder.Add(new BtfFunc("main", proto));
        uint sub = (uint)builder.Add(new BtfFunc("sub", proto));
        uint file = builder.Strings.Add("Filters.cs");
        LineInfo[] lines =
        [
            LineInfo.Create(0, file, builder.Strings.Add("var r = Sub() + 1;"), 10, 9),
            LineInfo.Create(3, file, builder.Strings.Add("int Sub() => 41;"), 20, 5),
        ];
        return (builder.Marshal(), main, sub, lines);
    }

    [KernelFact]
    public void A_program_with_a_subprogram_loads_with_func_info_and_runs()
    {
        var (blob, main, sub, lines) = MinimalBtf();
        using var btf = BtfObject.Load(blob);

        using var program = BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = s_mainCallsSub,
            Name = "calls_sub",
            ProgBtf = btf,
            FuncInfo = new[] { new FuncInfo(0, main), new FuncInfo(3, sub) },
            LineInfo = lines,
        });

        var info = program.GetInfo();
        info.FuncInfoCount.ShouldBe(2u);
        info.LineInfoCount.ShouldBe(2u);
        info.BtfId.ShouldBeGreaterThan(0u);
        program.TestRun(new TestRunOptions { DataIn = new byte[64] }).ReturnValue.ShouldBe(42u);
    }

    [KernelFact]
    public void Func_info_that_disagrees_with_the_subprograms_is_rejected_with_the_reason()
    {
        var (blob, main, sub, _) = MinimalBtf();
        using var btf = BtfObject.Load(blob);

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = s_mainCallsSub,
            ProgBtf = btf,
            FuncInfo = new[] { new FuncInfo(0, main), new FuncInfo(2, sub) }, // the subprogram starts at 3
        }));

        error.Summary.ShouldContain("func_info");
        error.Log.ShouldContain("func_info");
    }

    [KernelFact]
    public void A_rejection_log_quotes_the_source_lines_from_line_info()
    {
        var (blob, main, sub, lines) = MinimalBtf();
        using var btf = BtfObject.Load(blob);
        Insn[] broken = [.. s_mainCallsSub[..3], Insn.Mov(Reg.R1, 41), Insn.Exit()]; // Sub sets r1, not r0

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = broken,
            ProgBtf = btf,
            FuncInfo = new[] { new FuncInfo(0, main), new FuncInfo(3, sub) },
            LineInfo = lines,
        }));

        error.Summary.ShouldBe("R0 !read_ok");
        error.InstructionIndex.ShouldBe(1, "the caller reads the r0 the callee never set");
        error.Log.ShouldContain("; int Sub() => 41; @ Filters.cs:20");
        error.Log.ShouldContain("; var r = Sub() + 1; @ Filters.cs:10\n1: (07) r0 += 1\nR0 !read_ok");
    }
}
