using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>Compiles IR text through the back end with the allocation checker on, as every backend test does.</summary>
internal static class Backend
{
    public static MachineCode Compile(string irText)
    {
        var f = IrParser.Parse(irText);
        IrVerifier.VerifyOrThrow(f, "test input");
        return Compile(f);
    }

    public static MachineCode Compile(Function f) =>
        CodeGenerator.Generate(f, new BackendOptions { CheckAllocation = true });

    /// <summary>The disassembly, one instruction per line, without index column.</summary>
    public static string[] Listing(MachineCode code) => Disassembler.Disassemble(code.Instructions, DisassemblyOptions.None);

    public static string Text(MachineCode code) => string.Join("\n", Listing(code));
}
