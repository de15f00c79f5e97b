using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime.Programs;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

/// <summary>BTF loading and a BPF-to-BPF call carrying func_info that refers to it.</summary>
public class FuncInfoTests
{
    // main: r0 = sub(); r0 += 1; return r0        sub: return 41
    private static readonly Insn[] s_mainCallsSub =
    [
        Asm.CallLocal(2),       // 0: call insn 3
        Asm.Add(Reg.R0, 1),     // 1
        Asm.Exit(),             // 2
        Asm.Mov(Reg.R0, 41),    // 3: sub
        Asm.Exit(),             // 4
    ];

    private static (byte[] Blob, uint Main, uint Sub, LineInfo[] Lines) MinimalBtf()
    {
        var btf = new TestBtf();
        uint intType = btf.Int("int", 4, signed: true);
        uint proto = btf.FuncProto(intType);
        uint main = btf.Func("main", proto);
        uint sub = btf.Func("sub", proto);
        uint file = btf.String("Filters.cs");
        LineInfo[] lines =
        [
            LineInfo.Create(0, file, btf.String("var r = Sub() + 1;"), 10, 9),
            LineInfo.Create(3, file, btf.String("int Sub() => 41;"), 20, 5),
        ];
        return (btf.ToArray(), main, sub, lines);
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
        Insn[] broken = [.. s_mainCallsSub[..3], Asm.Mov(Reg.R1, 41), Asm.Exit()]; // Sub sets r1, not r0

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

    [KernelFact]
    public void A_broken_BTF_blob_is_rejected_with_the_checkers_line()
    {
        var btf = new TestBtf();
        uint intType = btf.Int("int", 4, signed: true);
        btf.FuncProto(intType);
        btf.Func("main", 99);

        var error = Should.Throw<BpfVerifierException>(() => BtfObject.Load(btf.ToArray()));

        error.Command.ShouldBe(BpfLinq.Runtime.Native.BpfCommand.BtfLoad);
        error.Summary.ShouldBe("[3] FUNC main type_id=99 Invalid type_id");
        error.Log.ShouldStartWith("magic: 0xeb9f");
        error.Message.ShouldStartWith("load BTF: the BTF checker rejected it: ");
    }

    [Fact]
    public void An_empty_BTF_blob_is_refused_before_the_kernel() =>
        Should.Throw<ArgumentException>(() => BtfObject.Load([]));
}
