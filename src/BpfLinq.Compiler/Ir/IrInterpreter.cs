using System.Buffers.Binary;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Runs an IR function: the reference meaning of the IR, used to test that passes preserve
/// behaviour and that the backend's code computes what the IR says. Pointers are modelled as
/// (region, offset): parameter <c>i</c> of pointer type points at offset 0 of region <c>i</c> of
/// the memory given. Helper calls go to a delegate. Loops are bounded by a step budget.
/// </summary>
internal sealed class IrInterpreter
{
    private readonly Dictionary<Value, long> _values = [];
    private readonly List<byte[]> _regions;
    private readonly IrPacket? _packet;
    private readonly Func<long, long[], long> _helper;
    private long _steps;

    private IrInterpreter(IReadOnlyList<byte[]> regions, Func<long, long[], long>? helper, IrPacket? packet)
    {
        _regions = [.. regions];
        _packet = packet;
        _helper = helper ?? ((id, _) => throw new InvalidOperationException($"helper {id} called, but the interpreter has no helper model"));
    }

    /// <summary>Largest number of instructions a run may execute before it is considered stuck.</summary>
    public const long StepBudget = 10_000_000;

    /// <summary>
    /// Runs <paramref name="f"/>. Scalar parameters take their value from <paramref name="args"/>;
    /// a pointer parameter <c>i</c> points at <c>regions[i]</c> (its entry in args is ignored).
    /// Packet reads see <paramref name="packet"/> (an empty packet when null); each stack slot is a fresh zeroed region.
    /// </summary>
    public static long Run(Function f, long[] args, IReadOnlyList<byte[]>? regions = null, Func<long, long[], long>? helper = null, IrPacket? packet = null)
    {
        var interpreter = new IrInterpreter(regions ?? [], helper, packet);
        foreach (var p in f.Params)
        {
            interpreter._values[p] = p.Type.IsPointer() ? Pointer(p.Index, 0) : IrArithmetic.Canonical(p.Type, args[p.Index]);
        }
        return interpreter.Execute(f);
    }

    // A pointer: region number in the upper 32 bits, byte offset in the lower (signed).
    private static long Pointer(int region, long offset) => ((long)region << 32) + offset;

    private long Execute(Function f)
    {
        Block? previous = null;
        var block = f.Entry;
        while (true)
        {
            // Phis read their inputs simultaneously.
            var phis = block.Phis.ToList();
            var incoming = phis.Select(p => Get(p.IncomingFrom(previous!))).ToList();
            for (var k = 0; k < phis.Count; k++)
            {
                _values[phis[k]] = incoming[k];
            }
            foreach (var i in block.Instrs.Skip(phis.Count))
            {
                if (++_steps > StepBudget)
                {
                    throw new InvalidOperationException("step budget exhausted: the function does not terminate");
                }
                switch (i.Op)
                {
                    case Op.Br:
                        previous = block;
                        block = i.Targets[0];
                        goto next;
                    case Op.CondBr:
                        previous = block;
                        block = Get(i.Operands[0]) != 0 ? i.Targets[0] : i.Targets[1];
                        goto next;
                    case Op.Ret:
                        return Get(i.Operands[0]);
                    default:
                        _values[i] = Evaluate(i);
                        break;
                }
            }
            throw new InvalidOperationException($"block {block} has no terminator");
        next:;
        }
    }

    private long Evaluate(Instr i)
    {
        long A() => Get(i.Operands[0]);
        long B() => Get(i.Operands[1]);
        return i.Op switch
        {
            >= Op.Add and <= Op.AShr => IrArithmetic.Binary(i.Op, i.Type, A(), B()),
            Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc or Op.SExtIn or Op.ByteSwap => IrArithmetic.Unary(i.Op, i.Type, A(), i.Imm),
            Op.Cmp => IrArithmetic.Compare(i.Cond, i.Operands[0].Type, A(), B()) ? 1 : 0,
            Op.PtrAdd => A() + B(),
            Op.Load => Load(A() + i.Imm, i.Size, i.Signed, i.Type),
            Op.Store => Store(A() + i.Imm, i.Size, B()),
            Op.Call when i.Imm is SkbLoadBytes or SkbLoadBytesRelative => LoadBytes(i.Imm, i.Operands.Select(Get).ToArray()),
            Op.Call => _helper(i.Imm, i.Operands.Select(Get).ToArray()),
            Op.PacketLoad => IrArithmetic.Canonical(i.Type, _packet?.Read(i.Anchor, (int)A() + i.Imm, i.Size) ?? 0),
            Op.PacketHas => _packet is not null && _packet.Contains(i.Anchor, (int)A() + i.Imm) && _packet.Contains(i.Anchor, (int)A() + i.Imm + i.Size - 1) ? 1 : 0,
            Op.VlanSkip => _packet?.VlanTags(i.Anchor, (int)A(), (int)i.Imm) ?? 0,
            Op.StackSlot => NewRegion((int)i.Imm),
            _ => throw new InvalidOperationException($"cannot evaluate {i.Op}"),
        };
    }

    private const long SkbLoadBytes = 26;
    private const long SkbLoadBytesRelative = 68;

    // bpf_skb_load_bytes(ctx, offset, to, len) and _relative(..., start): the packet's bytes into
    // the buffer and 0, or a zeroed buffer and -EFAULT, as the kernel does.
    private long LoadBytes(long helper, long[] a)
    {
        var anchor = helper == SkbLoadBytes ? PacketAnchor.Data : a[4] == 0 ? PacketAnchor.Link : PacketAnchor.Network;
        var offset = (uint)a[1];
        var length = (int)a[3];
        var buffer = Bytes(a[2], length);
        var ok = _packet is not null && offset <= int.MaxValue;
        for (var k = 0; ok && k < length; k++)
        {
            // A byte read alone is 0 outside the packet; a present byte can be 0 too, so look at the bounds.
            ok = _packet!.Contains(anchor, offset + k);
        }
        for (var k = 0; k < length; k++)
        {
            buffer[k] = ok ? (byte)_packet!.Read(anchor, offset + k, 1) : (byte)0;
        }
        return ok ? 0 : -14;
    }

    private long NewRegion(int size)
    {
        _regions.Add(new byte[size]);
        return Pointer(_regions.Count - 1, 0);
    }

    private Span<byte> Bytes(long pointer, int size)
    {
        var region = (int)(pointer >> 32);
        var offset = (int)(pointer & 0xffffffff);
        if (region < 0 || region >= _regions.Count || offset < 0 || offset + size > _regions[region].Length)
        {
            throw new InvalidOperationException($"access of {size} bytes at region {region} offset {offset} is out of bounds");
        }
        return _regions[region].AsSpan(offset, size);
    }

    private long Load(long pointer, int size, bool signed, IrType type)
    {
        var bytes = Bytes(pointer, size);
        long v = (size, signed) switch
        {
            (1, false) => bytes[0],
            (1, true) => (sbyte)bytes[0],
            (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            (2, true) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            (4, true) => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
        return IrArithmetic.Canonical(type, v);
    }

    private long Store(long pointer, int size, long value)
    {
        var bytes = Bytes(pointer, size);
        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(all, value);
        all[..size].CopyTo(bytes);
        return 0;
    }

    private long Get(Value v) => v switch
    {
        Constant c => c.Bits,
        _ => _values.TryGetValue(v, out var x) ? x : throw new InvalidOperationException("value used before it was computed"),
    };
}
