namespace BpfLinq.Compiler.Isa;

// Builders for STX|ATOMIC. Read-modify-write operations exist for 32 and 64 bits; load-acquire and
// store-release (Linux 6.15+) for every size. As in the kernel's BPF_ATOMIC_OP, dst is the base of
// the address and src the operand, except that load-acquire loads into dst from src + off.
public readonly partial struct Insn
{
    /// <summary>
    /// The general atomic: <paramref name="op"/> on <c>*(size *)(dst + off)</c> with <paramref name="src"/>.
    /// For <see cref="AtomicOp.LoadAcquire"/> prefer <see cref="LoadAcquire"/>, whose operands read naturally.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="op"/> is not an operation of the ISA, or a read-modify-write operation is
    /// asked for 8 or 16 bits.
    /// </exception>
    public static Insn Atomic(Size size, AtomicOp op, Reg dst, short offset, Reg src)
    {
        var readModifyWrite = op switch
        {
            AtomicOp.LoadAcquire or AtomicOp.StoreRelease => false,
            AtomicOp.Add or AtomicOp.Or or AtomicOp.And or AtomicOp.Xor or AtomicOp.Xchg or AtomicOp.Cmpxchg => true,
            AtomicOp.Add | AtomicOp.Fetch or AtomicOp.Or | AtomicOp.Fetch
                or AtomicOp.And | AtomicOp.Fetch or AtomicOp.Xor | AtomicOp.Fetch => true,
            _ => throw new ArgumentException($"0x{(int)op:x} is not an atomic operation", nameof(op)),
        };
        if (readModifyWrite && CheckSize(size) is not ((byte)Size.Word or (byte)Size.DWord))
        {
            throw new ArgumentException("atomic read-modify-write operations act on 32 or 64 bits", nameof(size));
        }
        return Make(InsnClass.Stx, (byte)((byte)Mode.Atomic | CheckSize(size)), dst, src, offset, (int)op);
    }

    /// <summary><c>lock *(size *)(dst + off) += src</c>.</summary>
    public static Insn AtomicAdd(Size size, Reg dst, short offset, Reg src) => Atomic(size, AtomicOp.Add, dst, offset, src);

    /// <summary><c>lock *(size *)(dst + off) |= src</c>.</summary>
    public static Insn AtomicOr(Size size, Reg dst, short offset, Reg src) => Atomic(size, AtomicOp.Or, dst, offset, src);

    /// <summary><c>lock *(size *)(dst + off) &amp;= src</c>.</summary>
    public static Insn AtomicAnd(Size size, Reg dst, short offset, Reg src) => Atomic(size, AtomicOp.And, dst, offset, src);

    /// <summary><c>lock *(size *)(dst + off) ^= src</c>.</summary>
    public static Insn AtomicXor(Size size, Reg dst, short offset, Reg src) => Atomic(size, AtomicOp.Xor, dst, offset, src);

    /// <summary><c>src = atomic_fetch_add((size *)(dst + off), src)</c>: adds and returns the old value in src.</summary>
    public static Insn AtomicFetchAdd(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.Add | AtomicOp.Fetch, dst, offset, src);

    /// <summary><c>src = atomic_fetch_or((size *)(dst + off), src)</c>.</summary>
    public static Insn AtomicFetchOr(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.Or | AtomicOp.Fetch, dst, offset, src);

    /// <summary><c>src = atomic_fetch_and((size *)(dst + off), src)</c>.</summary>
    public static Insn AtomicFetchAnd(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.And | AtomicOp.Fetch, dst, offset, src);

    /// <summary><c>src = atomic_fetch_xor((size *)(dst + off), src)</c>.</summary>
    public static Insn AtomicFetchXor(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.Xor | AtomicOp.Fetch, dst, offset, src);

    /// <summary><c>src = xchg(dst + off, src)</c>: stores src and returns the old value in src.</summary>
    public static Insn AtomicXchg(Size size, Reg dst, short offset, Reg src) => Atomic(size, AtomicOp.Xchg, dst, offset, src);

    /// <summary><c>r0 = cmpxchg(dst + off, r0, src)</c>: stores src if the memory equals r0; r0 gets the old value.</summary>
    public static Insn AtomicCmpxchg(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.Cmpxchg, dst, offset, src);

    /// <summary><c>dst = load_acquire((size *)(src + off))</c> (Linux 6.15+), zero-extended.</summary>
    public static Insn LoadAcquire(Size size, Reg dst, Reg src, short offset) =>
        Atomic(size, AtomicOp.LoadAcquire, dst, offset, src);

    /// <summary><c>store_release((size *)(dst + off), src)</c> (Linux 6.15+).</summary>
    public static Insn StoreRelease(Size size, Reg dst, short offset, Reg src) =>
        Atomic(size, AtomicOp.StoreRelease, dst, offset, src);
}
