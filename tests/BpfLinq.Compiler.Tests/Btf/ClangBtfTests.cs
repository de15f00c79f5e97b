using System.Diagnostics;
using BpfLinq.Compiler.Btf;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>
/// BTF as clang writes it into a BPF object's .BTF section: the kinds vmlinux barely uses (VAR,
/// DATASEC with a FUNC entry, extern linkage, variadic prototypes, decl tags on parameters and
/// members, type tags) decoded and compared with bpftool.
/// </summary>
public sealed class ClangBtfTests : IDisposable
{
    private const string Source = """
        #define __tag(x) __attribute__((btf_decl_tag(x)))
        #define __ttag(x) __attribute__((btf_type_tag(x)))
        struct node { struct node *next; int v __tag("member"); unsigned flags:3, kind:5; union { long l; char c[8]; }; };
        enum e { A = -1, B = 2 };
        enum big { HUGE = 0xffffffffffffULL };
        typedef struct node node_t;
        int counter __tag("var") = 1;
        const volatile int cfg = 3;
        int __ttag("user") *uptr;
        float f; double *dp;
        extern int ext_func(int a, ...) __attribute__((section(".ksyms")));
        extern int ksym_var __attribute__((section(".ksyms")));
        __attribute__((noinline)) static int helper(node_t *n __tag("param")) { return n ? n->v : 0; }
        int __tag("entry") prog(struct node *n, enum e x, enum big y)
        {
            return helper(n) + x + (int)y + counter + cfg + *uptr + ext_func(1, 2) + ksym_var;
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("bpflinq-clang-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void Clangs_btf_decodes_as_bpftool_reads_it()
    {
        var btfPath = CompileAndExtractBtf();
        var bytes = File.ReadAllBytes(btfPath);

        var spec = BtfDecoder.Decode(bytes);

        BtfRawDump.Format(spec).ShouldBe(Bpftool.DumpRaw(btfPath));
        var reencoded = Path.Combine(_directory, "reencoded.btf");
        File.WriteAllBytes(reencoded, BtfReencoding.Of(spec));
        Bpftool.DumpRaw(reencoded).ShouldBe(BtfRawDump.Format(spec));
    }

    [SkippableFact]
    public void Clangs_btf_has_the_declared_shapes()
    {
        var spec = BtfDecoder.Decode(File.ReadAllBytes(CompileAndExtractBtf()));

        spec.TryFindType<BtfFunc>("ext_func", BtfKind.Func, out var external).ShouldBeTrue();
        external.Linkage.ShouldBe(BtfLinkage.Extern);
        external.Proto.IsVariadic.ShouldBeTrue();
        external.Proto.Parameters.Count.ShouldBe(1);

        spec.TryFindType<BtfDataSec>(".ksyms", BtfKind.DataSec, out var ksyms).ShouldBeTrue();
        ksyms.Variables[0].Type.ShouldBeSameAs(external);
        ksyms.Variables[1].Type.ShouldBeOfType<BtfVar>().Linkage.ShouldBe(BtfLinkage.Extern);

        spec.TryFindType<BtfFunc>("helper", BtfKind.Func, out var helper).ShouldBeTrue();
        var parameterTag = spec.FindByName("param", BtfKind.DeclTag).Select(spec.GetType).Cast<BtfDeclTag>().ShouldHaveSingleItem();
        parameterTag.Target.ShouldBeSameAs(helper);
        parameterTag.ComponentIndex.ShouldBe(0);
        BtfLayout.Resolve(((BtfPointer)helper.Proto.Parameters[0].Type).Target).ShouldBeOfType<BtfStruct>().Name.ShouldBe("node");

        spec.TryFindType<BtfStruct>("node", BtfKind.Struct, out var node).ShouldBeTrue();
        node.FindField("kind").ShouldSatisfyAllConditions(
            field => field.BitOffset.ShouldBe(99UL),
            field => field.Member.BitfieldSize.ShouldBe(5));
        node.FindField("c").ByteOffset.ShouldBe(16UL);
        node.FindField("c").Size.ShouldBe(8UL);

        spec.TryFindType<BtfEnum>("e", BtfKind.Enum, out var signedEnum).ShouldBeTrue();
        signedEnum.IsSigned.ShouldBeTrue();
        signedEnum.Values[0].ShouldBe(new BtfEnumValue("A", -1));
        spec.TryFindType<BtfEnum64>("big", BtfKind.Enum64, out var big).ShouldBeTrue();
        big.Values.ShouldHaveSingleItem().Value.ShouldBe(0xffffffffffffL);

        spec.TryFindType<BtfVar>("uptr", BtfKind.Var, out var userPointer).ShouldBeTrue();
        userPointer.Type.ShouldBeOfType<BtfPointer>().Target.ShouldBeOfType<BtfTypeTag>().Name.ShouldBe("user");
    }

    private string CompileAndExtractBtf()
    {
        var clang = TestEnvironment.RequireTool("clang-19");
        var objcopy = TestEnvironment.RequireTool("llvm-objcopy-19");
        var source = Path.Combine(_directory, "prog.c");
        var obj = Path.Combine(_directory, "prog.o");
        var btf = Path.Combine(_directory, "prog.btf");
        File.WriteAllText(source, Source);
        Run(clang, $"-target bpf -g -O2 -c {source} -o {obj}");
        Run(objcopy, $"--dump-section .BTF={btf} {obj}");
        return btf;
    }

    private static void Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{tool} {arguments}: {errors}");
    }
}
