namespace BpfLinq.Compiler.Ir;

/// <summary>Properties of each <see cref="Op"/>, as data (one row per op).</summary>
/// <param name="Name">The printed mnemonic.</param>
/// <param name="Arity">Number of operands, or -1 when variable (phi, call).</param>
/// <param name="IsTerminator">Ends a block.</param>
/// <param name="HasSideEffects">Must not be removed or reordered even when its result is unused.</param>
/// <param name="IsCommutative">Operands may be exchanged.</param>
internal readonly record struct OpInfo(string Name, int Arity, bool IsTerminator, bool HasSideEffects, bool IsCommutative)
{
    private static readonly OpInfo[] s_table = Build();

    /// <summary>The row for an op.</summary>
    public static OpInfo Of(Op op) => s_table[(int)op];

    /// <summary>True for the binary scalar arithmetic ops (add ... ashr).</summary>
    public static bool IsBinaryArithmetic(Op op) => op is >= Op.Add and <= Op.AShr;

    /// <summary>Finds an op by its printed name.</summary>
    public static bool TryParse(string name, out Op op)
    {
        for (var i = 0; i < s_table.Length; i++)
        {
            if (s_table[i].Name == name)
            {
                op = (Op)i;
                return true;
            }
        }
        op = default;
        return false;
    }

    // Packet and stack ops print with a prefix: pkt.load, pkt.vlans, stack.
    private static string Mnemonic(Op op) => op switch
    {
        Op.PacketLoad => "pkt.load",
        Op.PacketHas => "pkt.has",
        Op.VlanSkip => "pkt.vlans",
        Op.StackSlot => "stack",
        Op.MapRef => "map.ref",
        Op.MapValueAddr => "map.value",
        Op.FuncAddr => "func.addr",
        Op.KfuncCall => "call.kfunc",
        Op.LocalCall => "call.local",
        Op.AtomicAdd => "atomic.add",
        _ => op.ToString().ToLowerInvariant(),
    };

    private static OpInfo[] Build()
    {
        var t = new OpInfo[Enum.GetValues<Op>().Length];
        void Row(Op op, int arity, bool term = false, bool effects = false, bool commutative = false) =>
            t[(int)op] = new OpInfo(Mnemonic(op), arity, term, effects, commutative);

        Row(Op.Add, 2, commutative: true);
        Row(Op.Sub, 2);
        Row(Op.Mul, 2, commutative: true);
        Row(Op.UDiv, 2);
        Row(Op.SDiv, 2);
        Row(Op.URem, 2);
        Row(Op.SRem, 2);
        Row(Op.And, 2, commutative: true);
        Row(Op.Or, 2, commutative: true);
        Row(Op.Xor, 2, commutative: true);
        Row(Op.Shl, 2);
        Row(Op.LShr, 2);
        Row(Op.AShr, 2);
        Row(Op.Neg, 1);
        Row(Op.Not, 1);
        Row(Op.ZExt, 1);
        Row(Op.SExt, 1);
        Row(Op.Trunc, 1);
        Row(Op.SExtIn, 1);
        Row(Op.ByteSwap, 1);
        Row(Op.Cmp, 2);
        Row(Op.PtrAdd, 2);
        Row(Op.Load, 1);
        Row(Op.Store, 2, effects: true);
        Row(Op.Call, -1, effects: true);
        Row(Op.PacketLoad, 1);
        Row(Op.PacketHas, 1);
        Row(Op.VlanSkip, 1);
        // Not pure: two slots of one size must stay two buffers (CSE would merge them).
        Row(Op.StackSlot, 0, effects: true);
        Row(Op.MapRef, 0);
        Row(Op.MapValueAddr, 0);
        Row(Op.FuncAddr, 0);
        Row(Op.KfuncCall, -1, effects: true);
        Row(Op.LocalCall, -1, effects: true);
        Row(Op.AtomicAdd, 2, effects: true);
        Row(Op.Phi, -1);
        Row(Op.Br, 0, term: true, effects: true);
        Row(Op.CondBr, 1, term: true, effects: true);
        Row(Op.Ret, 1, term: true, effects: true);
        return t;
    }
}
