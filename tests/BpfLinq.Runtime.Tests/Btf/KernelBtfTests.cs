using System.Diagnostics;
using System.Text.RegularExpressions;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// <see cref="KernelBtf.Running"/> on this machine's kernel: kfunc ids agree with a fresh decode of
/// the same bytes and with bpftool, a missing kfunc is explained, and a resolved id is one the
/// verifier accepts in a call.
/// </summary>
public class KernelBtfTests
{
    [SkippableTheory]
    [InlineData("bpf_strcmp")]
    [InlineData("bpf_strstr")]
    public void A_string_kfunc_resolves_to_the_id_the_decoder_finds_in_the_same_bytes(string name)
    {
        var kernel = RunningKernelBtf.Require();

        var kfunc = kernel.Kfuncs.Resolve(name);

        BtfDecoder.Decode(File.ReadAllBytes(kernel.VmlinuxPath)).TryFindFunc(name, out var id).ShouldBeTrue();
        kfunc.BtfId.ShouldBe(id);
        kfunc.Module.ShouldBeNull();
        kfunc.IsTagged.ShouldBeTrue("Linux 6.18 built with pahole 1.27+ tags its kfuncs");
        kfunc.Proto.ReturnType.Name.ShouldBe("int");
        kfunc.Proto.Parameters.Count.ShouldBe(2, "(const char *s1__ign, const char *s2__ign)");
        kfunc.Proto.Parameters.ShouldAllBe(p => BtfLayout.Resolve(p.Type) is BtfPointer);
    }

    [SkippableFact]
    public void The_kfuncs_are_the_FUNCs_bpftool_shows_tagged_bpf_kfunc()
    {
        var kernel = RunningKernelBtf.Require();
        var dump = Run(Bpftool(), $"btf dump file {kernel.VmlinuxPath}");
        var funcs = Regex.Matches(dump, @"^\[(\d+)\] FUNC '(\w+)' ", RegexOptions.Multiline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);
        var tagged = Regex.Matches(dump, @"^\[\d+\] DECL_TAG 'bpf_kfunc' type_id=(\d+) component_idx=-1$", RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value))
            .Where(funcs.ContainsKey)
            .ToDictionary(id => funcs[id]);

        kernel.Kfuncs.Names.ShouldBe(tagged.Keys.Order(StringComparer.Ordinal).ToList());
        tagged.Count.ShouldBeGreaterThan(100, "Linux 6.18 has about 200 kfuncs");
        foreach (var (name, id) in tagged)
        {
            kernel.Kfuncs.Resolve(name).BtfId.ShouldBe(id, name);
        }
    }

    [SkippableFact]
    public void A_missing_kfunc_names_the_running_kernel_and_the_likely_fix()
    {
        var kernel = RunningKernelBtf.Require();
        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

        var error = Should.Throw<KfuncNotFoundException>(() => kernel.Kfuncs.Resolve("bpf_strcmpp"));

        error.Message.ShouldStartWith($"the running kernel (Linux {release}) does not provide kfunc 'bpf_strcmpp': its BTF has no function of that name tagged bpf_kfunc");
        error.Message.ShouldEndWith("; did you mean 'bpf_strcmp'?");
        error.KfuncName.ShouldBe("bpf_strcmpp");
        error.Suggestion.ShouldBe("bpf_strcmp");
    }

    [SkippableFact]
    public void A_helpers_body_is_a_kernel_function_but_not_a_kfunc()
    {
        var kernel = RunningKernelBtf.Require();
        kernel.Vmlinux.TryFindFunc("bpf_strncmp", out _).ShouldBeTrue("BPF_FUNC_strncmp's implementation");
        Enum.IsDefined(Helper.Strncmp).ShouldBeTrue();

        var error = Should.Throw<KfuncNotFoundException>(() => kernel.Kfuncs.Resolve("bpf_strncmp"));

        error.Message.ShouldContain("it has a function of that name, but not one tagged bpf_kfunc, so BPF programs cannot call it (if it is a BPF helper, call it by helper id)");
    }

    [SkippableFact]
    public void Concurrent_first_reads_decode_vmlinux_once()
    {
        RunningKernelBtf.Require();
        var kernel = new KernelBtf(KernelBtf.DefaultDirectory);
        var seen = new BtfSpec[8];
        var kfuncs = new KfuncResolver[8];

        Parallel.For(0, seen.Length, i => (seen[i], kfuncs[i]) = (kernel.Vmlinux, kernel.Kfuncs));

        seen.ShouldAllBe(spec => ReferenceEquals(spec, seen[0]));
        kfuncs.ShouldAllBe(resolver => ReferenceEquals(resolver, kfuncs[0]));
        KernelBtf.Running.Vmlinux.ShouldBeSameAs(KernelBtf.Running.Vmlinux);
    }

    [KernelTheory]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "abd", -1)]
    [InlineData("abd", "abc", 1)]
    public void A_program_calls_bpf_strcmp_by_the_resolved_id(string s1, string s2, int expected)
    {
        var strcmp = RunningKernelBtf.Require().Kfuncs.Resolve("bpf_strcmp");
        Insn[] program =
        [
            Insn.St(Size.DWord, Reg.R10, -8, Packed(s1)),
            Insn.St(Size.DWord, Reg.R10, -16, Packed(s2)),
            Insn.Mov(Reg.R1, Reg.R10),
            Insn.Add(Reg.R1, -8),
            Insn.Mov(Reg.R2, Reg.R10),
            Insn.Add(Reg.R2, -16),
            Insn.CallKfunc(strcmp.BtfId),
            Insn.Exit(),
        ];

        using var loaded = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = program, Name = "strcmp" });

        ((int)loaded.TestRun(new TestRunOptions { DataIn = new byte[64] }).ReturnValue).ShouldBe(expected);
    }

    // Up to three ASCII characters and their NUL as a little-endian imm, which a DW store sign-extends (high bytes 0).
    private static int Packed(string text) => text.Select((ch, i) => ch << (8 * i)).Sum();

    private static string Bpftool() =>
        TestEnvironment.FindTool("bpftool") ?? (File.Exists("/usr/sbin/bpftool") ? "/usr/sbin/bpftool" : TestEnvironment.RequireTool("bpftool"));

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {arguments}");
        return output;
    }
}
