using System.Text.Json;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

public class ProgramLoadTests
{
    [KernelFact]
    public void A_loaded_programs_info_agrees_with_bpftool()
    {
        string bpftool = TestEnvironment.RequireTool("bpftool");
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(4), Name = "keep4" });

        var info = program.GetInfo();

        info.Type.ShouldBe(ProgramType.SocketFilter);
        info.Name.ShouldBe("keep4");
        info.Tag.ShouldMatch("^[0-9a-f]{16}$");
        info.XlatedSize.ShouldBe(2u * Insn.SizeInBytes);
        info.VerifiedInsns.ShouldBe(2u);
        info.MapIds.ShouldBeEmpty();
        info.GplCompatible.ShouldBeTrue();
        if (File.ReadAllText("/proc/sys/net/core/bpf_jit_enable").Trim() != "0")
        {
            info.JitedSize.ShouldBeGreaterThan(0u);
        }

        using var json = JsonDocument.Parse(Run(bpftool, $"prog show id {info.Id} --json"));
        var shown = json.RootElement;
        shown.GetProperty("id").GetUInt32().ShouldBe(info.Id);
        shown.GetProperty("type").GetString().ShouldBe("socket_filter");
        shown.GetProperty("name").GetString().ShouldBe("keep4");
        shown.GetProperty("tag").GetString().ShouldBe(info.Tag);
        shown.GetProperty("bytes_xlated").GetUInt32().ShouldBe(info.XlatedSize);
        shown.GetProperty("bytes_jited").GetUInt32().ShouldBe(info.JitedSize);
        shown.GetProperty("uid").GetUInt32().ShouldBe(info.CreatedByUid);
        shown.GetProperty("gpl_compatible").GetBoolean().ShouldBeTrue();
    }

    [KernelFact]
    public void The_same_instructions_have_the_same_tag_and_a_program_lists_its_maps()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 8, MaxEntries = 1 });
        Insn[] insns = LookupOrZero(map.Fd);
        using var first = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns });
        using var second = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns });

        var info = first.GetInfo();
        info.MapIds.ShouldBe([map.GetInfo().Id]);
        second.GetInfo().Tag.ShouldBe(info.Tag);
        second.GetInfo().Id.ShouldNotBe(info.Id);
    }

    [KernelFact]
    public void A_log_larger_than_the_first_buffer_is_read_whole_after_growing()
    {
        var insns = LongRejectedProgram(4000);

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns }));

        error.Log.Length.ShouldBeGreaterThan(64 * 1024, "the program's log outgrows the first 64 KiB buffer");
        error.Log.ShouldStartWith("0: R1=ctx() R10=fp0");
        error.Log.ShouldContain("0: (b7) r1 = 0");
        error.LogTruncated.ShouldBeFalse();
        error.Summary.ShouldBe("R0 !read_ok");
        error.InstructionIndex.ShouldBe(insns.Length - 1);
    }

    [KernelFact]
    public void At_the_cap_the_log_keeps_its_end_and_says_it_was_truncated()
    {
        var insns = LongRejectedProgram(4000);

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter, Instructions = insns, LogSizeLimit = 8192,
        }));

        error.LogTruncated.ShouldBeTrue();
        error.Log.Length.ShouldBeLessThan(8192);
        error.Log.ShouldNotContain("0: (b7) r1 = 0 ");
        error.Summary.ShouldBe("R0 !read_ok");
        error.Errno.ShouldBe(Errno.EACCES, "the errno of the load, not the log's ENOSPC");
    }

    [KernelFact]
    public void A_program_too_complex_for_the_verifier_is_rejected_without_a_huge_log()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = CountingLoop() }));

        // Before: three loads, the last with a 16 MiB log (~18 s on the loaded test machine), and a
        // 16 MiB Log. Now two: the 64 KiB log's tail already holds the verdict and the instruction.
        Console.WriteLine($"rejected in {watch.Elapsed.TotalSeconds:F2} s, log {error.Log.Length} chars");
        error.Summary.ShouldContain("too large");
        error.InstructionIndex.ShouldNotBeNull();
        error.LogTruncated.ShouldBeTrue();
        error.Log.Length.ShouldBeLessThan(64 * 1024, "the end of the walk, not megabytes of it");
        error.Errno.ShouldBe(Errno.E2BIG);
        error.Message.ShouldMatch(@"LogSizeLimit = \d+ keeps all of it");
    }

    [KernelFact]
    public void A_log_too_long_for_the_cap_is_not_loaded_again_to_reach_the_cap()
    {
        var insns = LongRejectedProgram(4000);

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter, Instructions = insns, LogSizeLimit = 128 * 1024,
        }));

        // The 64 KiB first log overflowed and its tail already holds the error; a 128 KiB one would
        // only be a longer tail of the same walk.
        error.LogTruncated.ShouldBeTrue();
        error.Log.Length.ShouldBeLessThan(64 * 1024);
        error.Summary.ShouldBe("R0 !read_ok");
        error.Message.ShouldMatch(@"LogSizeLimit = \d+ keeps all of it");
    }

    [KernelFact]
    public void Without_a_log_level_a_rejection_is_a_plain_error_that_says_how_to_see_why()
    {
        var error = Should.Throw<BpfException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter, Instructions = new[] { Insn.Exit() }, LogLevel = VerifierLogLevel.None,
        }));

        error.ShouldNotBeOfType<BpfVerifierException>();
        error.Errno.ShouldBe(Errno.EACCES);
        error.Message.ShouldContain("LogLevel");
    }

    [KernelFact]
    public void A_verbose_log_level_is_used_for_the_retry()
    {
        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter, Instructions = new[] { Insn.Mov(Reg.R1, 1), Insn.Exit() },
            LogLevel = VerifierLogLevel.Basic | VerifierLogLevel.Verbose,
        }));

        error.Summary.ShouldBe("R0 !read_ok");
        error.Log.ShouldContain("Live regs before insn", customMessage: "level 2 prints liveness");
    }

    [KernelFact]
    public void A_load_that_fails_after_maps_were_created_leaks_nothing()
    {
        int before = OpenFdCount();
        for (int i = 0; i < 20; i++)
        {
            using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = 4 });
            var insns = LookupOrZero(map.Fd);
            insns[^3] = Insn.Ldx(Size.DWord, Reg.R0, Reg.R0, 0); // dereference the lookup result without its null check
            Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns }))
                .Summary.ShouldBe("R0 invalid mem access 'map_value_or_null'");
        }
        OpenFdCount().ShouldBeLessThanOrEqualTo(before + 2, "no fd per failed load stays open (other tests run in parallel)");
    }

    public static TheoryData<string, string> InvalidOptions() => new()
    {
        { "no instructions", "at least one instruction" },
        { "func_info without BTF", "ProgBtf" },
        { "bad name", "A-Z" },
        { "NUL in license", "license" },
        { "tiny log cap", "LogSizeLimit" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_before_the_kernel_sees_them(string what, string mentioned)
    {
        var options = new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) };
        options = what switch
        {
            "no instructions" => options with { Instructions = Array.Empty<Insn>() },
            "func_info without BTF" => options with { FuncInfo = new[] { new FuncInfo(0, 1) } },
            "bad name" => options with { Name = "no spaces" },
            "NUL in license" => options with { License = "GPL\0" },
            _ => options with { LogSizeLimit = 100 },
        };

        Should.Throw<ArgumentException>(() => BpfProgram.Load(options).Dispose()).Message.ShouldContain(mentioned);
    }

    /// <summary>key 0 looked up in the map; returns the first 8 bytes of the value, or 0 when missing.</summary>
    internal static Insn[] LookupOrZero(int mapFd) =>
    [
        Insn.St(Size.Word, Reg.R10, -4, 0),
        .. Insn.LdMapFd(Reg.R1, mapFd),
        Insn.Mov(Reg.R2, Reg.R10),
        Insn.Add(Reg.R2, -4),
        Insn.Call(Helper.MapLookupElem),
        Insn.Jmp(JmpOp.Jeq, Reg.R0, 0, 1),
        Insn.Ldx(Size.DWord, Reg.R0, Reg.R0, 0),
        Insn.Exit(),
    ];

    /// <summary>N moves into r1 and an exit with r0 unset: rejected at the end, after a long log.</summary>
    private static Insn[] LongRejectedProgram(int moves) =>
        [.. Enumerable.Range(0, moves).Select(i => Insn.Mov(Reg.R1, i)), Insn.Exit()];

    /// <summary>
    /// r1 counts from 0 until it wraps: the verifier follows the loop one constant at a time and gives
    /// up at its budget of one million instructions, having logged every one of them.
    /// </summary>
    private static Insn[] CountingLoop() =>
    [
        Insn.Mov(Reg.R0, 0),
        Insn.Mov(Reg.R1, 0),
        Insn.Add(Reg.R1, 1),
        Insn.Jmp(JmpOp.Jne, Reg.R1, 0, -2),
        Insn.Exit(),
    ];

    private static int OpenFdCount() => Directory.GetFiles("/proc/self/fd").Length;

    private static string Run(string tool, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        return output;
    }
}
