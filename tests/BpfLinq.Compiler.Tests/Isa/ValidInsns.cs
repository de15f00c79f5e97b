using BpfLinq.Compiler.Isa;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// FsCheck generators of well-formed instructions: one generator per encoding form, so that every
/// class, operation, size, mode, pseudo source, call kind and atomic operation is produced, with
/// operands biased towards edge values. Each value is the instruction's slots (two for ld_imm64).
/// </summary>
public static class ValidInsns
{
    private static readonly Reg[] s_regs = Enum.GetValues<Reg>();
    private static readonly Size[] s_sizes = [Size.Byte, Size.Half, Size.Word, Size.DWord];
    private static readonly AluOp[] s_binaryOps =
    [
        AluOp.Add, AluOp.Sub, AluOp.Mul, AluOp.Div, AluOp.Or, AluOp.And, AluOp.Lsh, AluOp.Rsh,
        AluOp.Mod, AluOp.Xor, AluOp.Mov, AluOp.Arsh,
    ];
    private static readonly JmpOp[] s_conditions =
    [
        JmpOp.Jeq, JmpOp.Jgt, JmpOp.Jge, JmpOp.Jset, JmpOp.Jne, JmpOp.Jsgt, JmpOp.Jsge,
        JmpOp.Jlt, JmpOp.Jle, JmpOp.Jslt, JmpOp.Jsle,
    ];
    private static readonly AtomicOp[] s_readModifyWrite =
    [
        AtomicOp.Add, AtomicOp.Or, AtomicOp.And, AtomicOp.Xor,
        AtomicOp.Add | AtomicOp.Fetch, AtomicOp.Or | AtomicOp.Fetch, AtomicOp.And | AtomicOp.Fetch,
        AtomicOp.Xor | AtomicOp.Fetch, AtomicOp.Xchg, AtomicOp.Cmpxchg,
    ];

    private static Gen<Reg> Regs => Gen.Elements(s_regs);

    private static Gen<int> Imm32 => Gen.Frequency(
        (3, Gen.Elements(0, 1, -1, 2, 0x7f, 0x80, 0xff, 0x7fff, -0x8000, int.MaxValue, int.MinValue, 16, 32, 64)),
        (3, Gen.Choose(-4096, 4096)),
        (4, Gen.Choose(int.MinValue, int.MaxValue)));

    private static Gen<short> Offsets => Gen.Frequency(
        (3, Gen.Elements<short>(0, 1, -1, 8, -8, short.MaxValue, short.MinValue)),
        (7, Gen.Choose(short.MinValue, short.MaxValue).Select(v => (short)v)));

    private static Gen<long> Imm64 => Gen.Frequency(
        (2, Imm32.Select(v => (long)v)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 0x1_0000_0000L, 0xffff_ffffL)),
        (5, Imm32.SelectMany(high => Imm32, (high, low) => ((long)high << 32) | (uint)low)));

    private static Gen<Insn[]> One(Gen<Insn> gen) => gen.Select(insn => new[] { insn });

    private static Gen<Insn[]> Two(Gen<InsnPair> gen) => gen.Select(pair => new[] { pair.First, pair.Second });

    /// <summary>The generators, by form name.</summary>
    public static IReadOnlyList<(string Name, Gen<Insn[]> Gen)> Forms { get; } =
    [
        ("alu64 imm", One(from op in Gen.Elements(s_binaryOps) from d in Regs from i in Imm32 select Insn.Alu(op, d, i))),
        ("alu64 reg", One(from op in Gen.Elements(s_binaryOps) from d in Regs from s in Regs select Insn.Alu(op, d, s))),
        ("alu32 imm", One(from op in Gen.Elements(s_binaryOps) from d in Regs from i in Imm32 select Insn.Alu32(op, d, i))),
        ("alu32 reg", One(from op in Gen.Elements(s_binaryOps) from d in Regs from s in Regs select Insn.Alu32(op, d, s))),
        ("sdiv/smod imm", One(from k in Gen.Choose(0, 3) from d in Regs from i in Imm32
                              select k switch { 0 => Insn.SDiv(d, i), 1 => Insn.SMod(d, i), 2 => Insn.SDiv32(d, i), _ => Insn.SMod32(d, i) })),
        ("sdiv/smod reg", One(from k in Gen.Choose(0, 3) from d in Regs from s in Regs
                              select k switch { 0 => Insn.SDiv(d, s), 1 => Insn.SMod(d, s), 2 => Insn.SDiv32(d, s), _ => Insn.SMod32(d, s) })),
        ("neg", One(from wide in Gen.Elements(true, false) from d in Regs select wide ? Insn.Neg(d) : Insn.Neg32(d))),
        ("movsx", One(from bits in Gen.Elements(8, 16, 32) from d in Regs from s in Regs select Insn.MovSx(d, s, bits))),
        ("movsx32", One(from bits in Gen.Elements(8, 16) from d in Regs from s in Regs select Insn.MovSx32(d, s, bits))),
        ("addr_space_cast", One(from d in Regs from s in Regs from to in Gen.Choose(0, 0xffff) from of in Gen.Choose(0, 0xffff)
                                select Insn.AddrSpaceCast(d, s, (ushort)to, (ushort)of))),
        ("byte swap", One(from k in Gen.Choose(0, 2) from bits in Gen.Elements(16, 32, 64) from d in Regs
                          select k switch { 0 => Insn.ToLe(d, bits), 1 => Insn.ToBe(d, bits), _ => Insn.Bswap(d, bits) })),
        ("goto", One(Offsets.Select(Insn.Ja))),
        ("gotol", One(Imm32.Select(Insn.Gotol))),
        ("may_goto", One(Offsets.Select(Insn.MayGoto))),
        ("jmp imm", One(from op in Gen.Elements(s_conditions) from d in Regs from i in Imm32 from o in Offsets select Insn.Jmp(op, d, i, o))),
        ("jmp reg", One(from op in Gen.Elements(s_conditions) from d in Regs from s in Regs from o in Offsets select Insn.Jmp(op, d, s, o))),
        ("jmp32 imm", One(from op in Gen.Elements(s_conditions) from d in Regs from i in Imm32 from o in Offsets select Insn.Jmp32(op, d, i, o))),
        ("jmp32 reg", One(from op in Gen.Elements(s_conditions) from d in Regs from s in Regs from o in Offsets select Insn.Jmp32(op, d, s, o))),
        ("call helper", One(Imm32.Select(Insn.CallHelper))),
        ("call local", One(Imm32.Select(Insn.CallLocal))),
        ("call kfunc", One(from id in Imm32 from module in Offsets select Insn.CallKfunc(id, module))),
        ("exit", One(Gen.Constant(Insn.Exit()))),
        ("ld_imm64", Two(from d in Regs from v in Imm64 select Insn.LdImm64(d, v))),
        ("ld map fd", Two(from d in Regs from fd in Imm32 select Insn.LdMapFd(d, fd))),
        ("ld map value", Two(from d in Regs from fd in Imm32 from off in Imm32 select Insn.LdMapValue(d, fd, off))),
        ("ld btf id", Two(from d in Regs from id in Imm32 from fd in Imm32 select Insn.LdBtfId(d, id, fd))),
        ("ld func", Two(from d in Regs from target in Imm32 select Insn.LdFunc(d, target))),
        ("ld func, second imm", Two(from d in Regs from target in Imm32 from high in Imm32
                                    select new InsnPair(Insn.LdFunc(d, target).First, new Insn(0, Reg.R0, Reg.R0, 0, high)))),
        ("ld map idx", Two(from d in Regs from index in Imm32 select Insn.LdMapIdx(d, index))),
        ("ld map idx value", Two(from d in Regs from index in Imm32 from off in Imm32 select Insn.LdMapIdxValue(d, index, off))),
        ("ld_abs", One(from size in Gen.Elements(Size.Byte, Size.Half, Size.Word) from i in Imm32 select Insn.LdAbs(size, i))),
        ("ld_ind", One(from size in Gen.Elements(Size.Byte, Size.Half, Size.Word) from s in Regs from i in Imm32 select Insn.LdInd(size, s, i))),
        ("ldx", One(from size in Gen.Elements(s_sizes) from d in Regs from s in Regs from o in Offsets select Insn.Ldx(size, d, s, o))),
        ("ldxsx", One(from size in Gen.Elements(Size.Byte, Size.Half, Size.Word) from d in Regs from s in Regs from o in Offsets
                      select Insn.LdxSx(size, d, s, o))),
        ("st", One(from size in Gen.Elements(s_sizes) from d in Regs from o in Offsets from i in Imm32 select Insn.St(size, d, o, i))),
        ("stx", One(from size in Gen.Elements(s_sizes) from d in Regs from o in Offsets from s in Regs select Insn.Stx(size, d, o, s))),
        ("atomic", One(from size in Gen.Elements(Size.Word, Size.DWord) from op in Gen.Elements(s_readModifyWrite)
                       from d in Regs from o in Offsets from s in Regs select Insn.Atomic(size, op, d, o, s))),
        ("load_acquire", One(from size in Gen.Elements(s_sizes) from d in Regs from s in Regs from o in Offsets
                             select Insn.LoadAcquire(size, d, s, o))),
        ("store_release", One(from size in Gen.Elements(s_sizes) from d in Regs from o in Offsets from s in Regs
                              select Insn.StoreRelease(size, d, o, s))),
    ];

    /// <summary>Any well-formed instruction, every form equally likely.</summary>
    public static Gen<Insn[]> Any { get; } = Gen.OneOf(Forms.Select(form => form.Gen));

    /// <summary>A program: a sequence of well-formed instructions, flattened to slots.</summary>
    public static Gen<Insn[]> Program { get; } =
        Any.ArrayOf().Select(insns => insns.SelectMany(slots => slots).ToArray());

    /// <summary>Two arbitrary slots, mostly garbage: the disassembler must still print them in a form the assembler reads back.</summary>
    public static Gen<Insn[]> AnyBits { get; } =
        from code in Gen.Frequency((1, Gen.Constant(0x18)), (3, Gen.Choose(0, 255)))
        from regs in Gen.Frequency((3, Gen.Choose(0, 0xaa)), (1, Gen.Choose(0, 255)))
        from offset in Offsets
        from imm in Imm32
        from second in Gen.Frequency((3, Gen.Constant(0UL)), (1, Gen.Choose(int.MinValue, int.MaxValue).Select(v => (ulong)(uint)v << 32)),
                                     (1, from a in Imm32 from b in Imm32 select ((ulong)(uint)a << 32) | (uint)b))
        select new[]
        {
            Insn.FromUInt64((byte)code | ((ulong)(byte)regs << 8) | ((ulong)(ushort)offset << 16) | ((ulong)(uint)imm << 32)),
            Insn.FromUInt64(second),
        };

    /// <summary>A fixed, reproducible sample of <paramref name="count"/> instructions, for tests that run external tools.</summary>
    public static Insn[][] Sample(int count, ulong seed) => Gen.Sample(Any, numberOfSamples: count, seed: new Rnd(seed), size: 50);
}
