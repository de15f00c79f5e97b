using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Machine code on virtual registers (Cranelift's VCode): what instruction selection produces and
/// register allocation reads. Blocks[0] is the entry. Virtual registers are in SSA form (one
/// definition each); physical registers r0–r9 appear only around calls, at entry and at exit.
/// </summary>
internal sealed partial class MachineFunction
{
    private readonly List<IrType> _types = [];

    /// <summary>Creates an empty function.</summary>
    public MachineFunction(string name)
    {
        Name = name;
        for (var i = 0; i < VReg.PhysicalCount; i++)
        {
            _types.Add(IrType.I64);
        }
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The blocks, entry first.</summary>
    public List<MachineBlock> Blocks { get; } = [];

    /// <summary>Number of parameters, which arrive in r1, r2, ... (the context of a program in r1).</summary>
    public int ParamCount { get; set; }

    /// <summary>Bytes of stack buffers at the top of the frame (see <see cref="FrameLayout"/>).</summary>
    public int FrameBufferBytes { get; set; }

    /// <summary>The expression of the buffer that reaches deepest into the frame, for an error when the frame is too large.</summary>
    public SourceRef? DeepestBuffer { get; set; }

    /// <summary>Number of register ids in use (physical ones included).</summary>
    public int VRegCount => _types.Count;

    /// <summary>Number of instructions (terminators included) after <see cref="Number"/>.</summary>
    public int InstrCount { get; private set; }

    /// <summary>A fresh virtual register for a value of <paramref name="type"/>.</summary>
    public VReg NewVReg(IrType type)
    {
        _types.Add(type);
        return new VReg(_types.Count - 1);
    }

    /// <summary>The IR type of the value a register holds (i64 for physical registers).</summary>
    public IrType TypeOf(VReg reg) => _types[reg.Index];

    /// <summary>Adds an empty block.</summary>
    public MachineBlock AddBlock()
    {
        var b = new MachineBlock(Blocks.Count);
        Blocks.Add(b);
        return b;
    }

    /// <summary>Assigns <see cref="MachineInstr.Index"/> densely and recomputes predecessor lists.</summary>
    public void Number()
    {
        var next = 0;
        foreach (var b in Blocks)
        {
            b.Preds.Clear();
        }
        foreach (var b in Blocks)
        {
            foreach (var i in b.Instrs)
            {
                i.Index = next++;
            }
            b.Terminator.Index = next++;
            for (var t = 0; t < b.Succs.Length; t++)
            {
                b.Succs[t].Target.Preds.Add((b, t));
            }
        }
        InstrCount = next;
    }

    /// <summary>The function as text (see <see cref="MachinePrinter"/>).</summary>
    public override string ToString() => MachinePrinter.Print(this);
}
