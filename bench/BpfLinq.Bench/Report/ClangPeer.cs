using System.Diagnostics;

namespace BpfLinq.Bench.Report;

/// <summary>Compiles a peer C program with <c>clang-19 -O2 -target bpf -mcpu=v3</c> (a reference, never a dependency).</summary>
internal static class ClangPeer
{
    /// <summary>The command line the report states.</summary>
    public const string Command = "clang-19 -O2 -target bpf -mcpu=v3";

    /// <summary>The instructions clang makes of the C twin of the program named <paramref name="name"/> (clang/&lt;name&gt;.c, its section named after the kind).</summary>
    public static Compiler.Isa.Insn[] CompileTwin(string name, ProgramKind kind) =>
        Compile(Path.Combine(AppContext.BaseDirectory, "clang", name + ".c"), SectionOf(kind));

    /// <summary>The ELF section a C twin of <paramref name="kind"/> puts its program in.</summary>
    public static string SectionOf(ProgramKind kind) => kind switch
    {
        ProgramKind.Tc => "tc",
        ProgramKind.Xdp => "xdp",
        ProgramKind.SocketFilter => "socket",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no C twins of this kind"),
    };

    /// <summary>The instructions clang makes of <paramref name="cFile"/>'s section <paramref name="section"/>.</summary>
    public static Compiler.Isa.Insn[] Compile(string cFile, string section) => Object(cFile, elf => ElfSection.Instructions(elf, section));

    /// <summary>The C twin of <paramref name="name"/> linked with its maps and static functions (<see cref="ClangObject"/>).</summary>
    public static ClangObject.Linked CompileLinked(string name, ProgramKind kind) =>
        Object(Path.Combine(AppContext.BaseDirectory, "clang", name + ".c"), elf => ClangObject.Link(elf, SectionOf(kind)));

    private static T Object<T>(string cFile, Func<byte[], T> read)
    {
        var output = Path.Combine(Path.GetTempPath(), $"bpflinq-{Path.GetFileNameWithoutExtension(cFile)}-{Environment.ProcessId}.o");
        try
        {
            var arch = Environment.Is64BitProcess && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";
            var start = new ProcessStartInfo("clang-19", ["-O2", "-target", "bpf", "-mcpu=v3", $"-I/usr/include/{arch}-linux-gnu", "-c", cFile, "-o", output])
            {
                RedirectStandardError = true,
            };
            using var clang = Process.Start(start) ?? throw new InvalidOperationException("cannot start clang-19");
            var errors = clang.StandardError.ReadToEnd();
            clang.WaitForExit();
            if (clang.ExitCode != 0)
            {
                throw new InvalidOperationException($"clang-19 failed on {cFile}:\n{errors}");
            }
            return read(File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
