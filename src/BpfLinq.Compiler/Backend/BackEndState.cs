using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>What the back end's steps work on for one function: each step fills in the next form of the code.</summary>
internal sealed class BackEndState(Function function, BackendOptions options)
{
    /// <summary>The IR function (verified, in reverse post-order, densely numbered).</summary>
    public Function Function { get; } = function;

    /// <summary>The back end's options.</summary>
    public BackendOptions Options { get; } = options;

    /// <summary>The selected machine code (virtual registers until allocation decides).</summary>
    public MachineFunction Machine { get; set; } = null!;

    /// <summary>The register allocation's decisions.</summary>
    public Allocation Allocation { get; set; } = null!;

    /// <summary>Where the slots live on the stack.</summary>
    public FrameLayout Frame { get; set; } = null!;

    /// <summary>The emitted stream, jumps still naming labels.</summary>
    public List<AsmItem> Items { get; set; } = null!;

    /// <summary>The item index each label stands at.</summary>
    public int[] Labels { get; set; } = null!;

    /// <summary>The finished code.</summary>
    public MachineCode Code { get; set; } = null!;

    /// <summary>The machine code with its allocation, as <see cref="Allocation.Print"/> writes it.</summary>
    public string PrintAllocated() => Allocation.Print(Machine) + $"frame: {Frame?.StackSize.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not laid out"}\n";
}
