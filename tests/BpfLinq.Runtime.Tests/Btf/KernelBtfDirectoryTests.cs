using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Btf;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// <see cref="KernelBtf"/> over a directory the test fills: a vmlinux and a module file made with
/// <see cref="BtfBuilder"/>, missing and broken files, and module names that are not names.
/// </summary>
public class KernelBtfDirectoryTests
{
    private static readonly BtfFunc s_moduleKfunc = KfuncSamples.Func("mod_kfunc");

    private static BtfDirectory WithVmlinuxAndModule()
    {
        var (vmlinux, module) = SplitBtf.Build(KfuncSamples.Base(), [s_moduleKfunc, KfuncSamples.Kfunc(s_moduleKfunc)]);
        return new BtfDirectory().With("vmlinux", vmlinux).With("mymod", module);
    }

    [Fact]
    public void Vmlinux_is_read_once_and_kept()
    {
        using var directory = WithVmlinuxAndModule();
        var kernel = new KernelBtf(directory.Path);

        var first = kernel.Vmlinux;
        File.Delete(kernel.VmlinuxPath);

        kernel.Vmlinux.ShouldBeSameAs(first, "the spec is kept, the file not read again");
        kernel.Kfuncs.Spec.ShouldBeSameAs(first);
        kernel.Kfuncs.ShouldBeSameAs(kernel.Kfuncs);
        kernel.Kfuncs.Names.ShouldBe(["bpf_alpha", "bpf_beta"]);
        kernel.VmlinuxPath.ShouldBe(Path.Combine(directory.Path, "vmlinux"));
        kernel.ToString().ShouldBe(directory.Path);
    }

    [Fact]
    public void A_module_is_split_BTF_on_vmlinux_and_its_kfuncs_say_so()
    {
        using var directory = WithVmlinuxAndModule();
        var kernel = new KernelBtf(directory.Path);

        var module = kernel.GetModule("mymod");
        var kfunc = kernel.GetModuleKfuncs("mymod").Resolve("mod_kfunc");

        module.Base.ShouldBeSameAs(kernel.Vmlinux);
        kernel.GetModule("mymod").ShouldBeSameAs(module);
        kfunc.Module.ShouldBe("mymod");
        kfunc.BtfId.ShouldBe(kernel.Vmlinux.TypeCount, "the module's first type is its kfunc");
        module.GetName(kfunc.BtfId).ShouldBe("mod_kfunc");
        kernel.GetModuleKfuncs("mymod").Resolve("bpf_alpha").Module.ShouldBeNull("a vmlinux kfunc found through the module");
        var error = Should.Throw<KfuncNotFoundException>(() => kernel.Kfuncs.Resolve("mod_kfunc"));
        error.Message.ShouldStartWith($"the kernel whose BTF is in {directory.Path} does not provide kfunc 'mod_kfunc'");
        Should.Throw<KfuncNotFoundException>(() => kernel.GetModuleKfuncs("mymod").Resolve("mod_kfuncs"))
            .Message.ShouldStartWith($"module 'mymod' of the kernel whose BTF is in {directory.Path} does not provide kfunc 'mod_kfuncs'");
    }

    [Fact]
    public void Without_vmlinux_the_error_says_the_kernel_has_no_BTF()
    {
        using var directory = new BtfDirectory();
        var kernel = new KernelBtf(directory.Path);

        var error = Should.Throw<BpfException>(() => kernel.Kfuncs);

        error.Message.ShouldStartWith($"read kernel BTF: {kernel.VmlinuxPath} does not exist: ");
        error.Message.ShouldContain("built without CONFIG_DEBUG_INFO_BTF");
        error.InnerException.ShouldBeOfType<FileNotFoundException>();
    }

    [Fact]
    public void A_failed_read_is_not_remembered()
    {
        using var directory = new BtfDirectory();
        var kernel = new KernelBtf(directory.Path);
        Should.Throw<BpfException>(() => kernel.Vmlinux);

        directory.With("vmlinux", KfuncSamples.Decode(KfuncSamples.Base()).Builder.Marshal());

        kernel.Kfuncs.Resolve("bpf_alpha").Name.ShouldBe("bpf_alpha");
    }

    [Fact]
    public void A_file_that_is_not_BTF_is_reported_with_the_decoders_reason()
    {
        using var directory = new BtfDirectory().With("vmlinux", [0x12, 0x34, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var kernel = new KernelBtf(directory.Path);

        var error = Should.Throw<BpfException>(() => kernel.Vmlinux);

        var cause = error.InnerException.ShouldBeOfType<BtfFormatException>();
        error.Message.ShouldStartWith($"read kernel BTF: {kernel.VmlinuxPath} is not BTF this runtime can decode ({cause.Message})");
        cause.Message.ShouldContain("magic");
    }

    [Fact]
    public void A_module_that_is_not_loaded_is_named()
    {
        using var directory = WithVmlinuxAndModule();
        var kernel = new KernelBtf(directory.Path);

        var error = Should.Throw<BpfException>(() => kernel.GetModule("nf_missing"));

        error.Message.ShouldStartWith($"read BTF of kernel module 'nf_missing': {Path.Combine(directory.Path, "nf_missing")} does not exist: ");
        error.Message.ShouldContain("module 'nf_missing' is not loaded");
    }

    [Theory]
    [InlineData("vmlinux")]
    [InlineData("../vmlinux")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void A_module_name_must_be_a_name(string module)
    {
        using var directory = WithVmlinuxAndModule();

        Should.Throw<ArgumentException>(() => new KernelBtf(directory.Path).GetModule(module)).ParamName.ShouldBe("module");
    }
}
