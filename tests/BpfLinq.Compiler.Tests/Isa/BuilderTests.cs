using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>The builders produce the kernel's bytes (expected values written from the UAPI macros) and refuse impossible encodings.</summary>
public class BuilderTests
{
    private static readonly BuilderCase[] s_cases =
    [
        BuilderCase.Of(Insn.Mov(Reg.R0, 4), "b7 00 00 00 04 00 00 00"),
        BuilderCase.Of(Insn.Mov(Reg.R6, Reg.R1), "bf 16 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Mov32(Reg.R0, -1), "b4 00 00 00 ff ff ff ff"),
        BuilderCase.Of(Insn.Mov32(Reg.R2, Reg.R3), "bc 32 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Add(Reg.R2, -0x10), "07 02 00 00 f0 ff ff ff"),
        BuilderCase.Of(Insn.Add32(Reg.R2, Reg.R9), "0c 92 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Sub(Reg.R1, 1), "17 01 00 00 01 00 00 00"),
        BuilderCase.Of(Insn.Sub32(Reg.R1, Reg.R2), "1c 21 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Mul(Reg.R3, 7), "27 03 00 00 07 00 00 00"),
        BuilderCase.Of(Insn.Mul32(Reg.R3, Reg.R4), "2c 43 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Div(Reg.R4, Reg.R5), "3f 54 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Div32(Reg.R4, 2), "34 04 00 00 02 00 00 00"),
        BuilderCase.Of(Insn.SDiv(Reg.R1, -7), "37 01 01 00 f9 ff ff ff"),
        BuilderCase.Of(Insn.SDiv32(Reg.R1, Reg.R2), "3c 21 01 00 00 00 00 00"),
        BuilderCase.Of(Insn.Mod(Reg.R1, 10), "97 01 00 00 0a 00 00 00"),
        BuilderCase.Of(Insn.Mod32(Reg.R1, Reg.R2), "9c 21 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.SMod(Reg.R3, Reg.R4), "9f 43 01 00 00 00 00 00"),
        BuilderCase.Of(Insn.SMod32(Reg.R3, 5), "94 03 01 00 05 00 00 00"),
        BuilderCase.Of(Insn.Or(Reg.R5, 0xff), "47 05 00 00 ff 00 00 00"),
        BuilderCase.Of(Insn.Or32(Reg.R5, Reg.R6), "4c 65 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.And(Reg.R6, Reg.R7), "5f 76 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.And32(Reg.R6, 0xf), "54 06 00 00 0f 00 00 00"),
        BuilderCase.Of(Insn.Lsh(Reg.R7, 3), "67 07 00 00 03 00 00 00"),
        BuilderCase.Of(Insn.Lsh32(Reg.R7, Reg.R8), "6c 87 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Rsh(Reg.R8, Reg.R9), "7f 98 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Rsh32(Reg.R8, 1), "74 08 00 00 01 00 00 00"),
        BuilderCase.Of(Insn.Arsh(Reg.R9, 63), "c7 09 00 00 3f 00 00 00"),
        BuilderCase.Of(Insn.Arsh32(Reg.R9, Reg.R1), "cc 19 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Xor(Reg.R0, Reg.R0), "af 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Xor32(Reg.R0, -1), "a4 00 00 00 ff ff ff ff"),
        BuilderCase.Of(Insn.Neg(Reg.R1), "87 01 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Neg32(Reg.R1), "84 01 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Alu(AluOp.Add, Reg.R1, 2), "07 01 00 00 02 00 00 00"),
        BuilderCase.Of(Insn.Alu32(AluOp.Xor, Reg.R1, Reg.R2), "ac 21 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.MovSx(Reg.R1, Reg.R2, 8), "bf 21 08 00 00 00 00 00"),
        BuilderCase.Of(Insn.MovSx(Reg.R1, Reg.R2, 32), "bf 21 20 00 00 00 00 00"),
        BuilderCase.Of(Insn.MovSx32(Reg.R1, Reg.R2, 16), "bc 21 10 00 00 00 00 00"),
        BuilderCase.Of(Insn.AddrSpaceCast(Reg.R1, Reg.R2, 1, 0), "bf 21 01 00 00 00 01 00"),
        BuilderCase.Of(Insn.ToBe(Reg.R1, 16), "dc 01 00 00 10 00 00 00"),
        BuilderCase.Of(Insn.ToLe(Reg.R1, 32), "d4 01 00 00 20 00 00 00"),
        BuilderCase.Of(Insn.Bswap(Reg.R1, 64), "d7 01 00 00 40 00 00 00"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jge, Reg.R7, 6, 2), "35 07 02 00 06 00 00 00"),
        BuilderCase.Of(Insn.Jmp(JmpOp.Jne, Reg.R1, Reg.R2, -3), "5d 21 fd ff 00 00 00 00"),
        BuilderCase.Of(Insn.Jmp32(JmpOp.Jslt, Reg.R1, -1, 4), "c6 01 04 00 ff ff ff ff"),
        BuilderCase.Of(Insn.Jmp32(JmpOp.Jset, Reg.R1, Reg.R2, 1), "4e 21 01 00 00 00 00 00"),
        BuilderCase.Of(Insn.Ja(-1), "05 00 ff ff 00 00 00 00"),
        BuilderCase.Of(Insn.Gotol(0x12345), "06 00 00 00 45 23 01 00"),
        BuilderCase.Of(Insn.MayGoto(2), "e5 00 02 00 00 00 00 00"),
        BuilderCase.Of(Insn.Call(Helper.MapLookupElem), "85 00 00 00 01 00 00 00"),
        BuilderCase.Of(Insn.CallHelper(181), "85 00 00 00 b5 00 00 00"),
        BuilderCase.Of(Insn.CallLocal(-3), "85 10 00 00 fd ff ff ff"),
        BuilderCase.Of(Insn.CallKfunc(1234, 1), "85 20 01 00 d2 04 00 00"),
        BuilderCase.Of(Insn.Exit(), "95 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.LdImm64(Reg.R1, 0x1122334455667788), "18 01 00 00 88 77 66 55 00 00 00 00 44 33 22 11"),
        BuilderCase.Of(Insn.LdImm64(Reg.R1, -1), "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff"),
        BuilderCase.Of(Insn.LdMapFd(Reg.R1, 5), "18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.LdMapValue(Reg.R1, 5, 16), "18 21 00 00 05 00 00 00 00 00 00 00 10 00 00 00"),
        BuilderCase.Of(Insn.LdMapIdx(Reg.R2, 3), "18 52 00 00 03 00 00 00 00 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.LdMapIdxValue(Reg.R2, 3, 8), "18 62 00 00 03 00 00 00 00 00 00 00 08 00 00 00"),
        BuilderCase.Of(Insn.LdBtfId(Reg.R3, 0x1234), "18 33 00 00 34 12 00 00 00 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.LdBtfId(Reg.R3, 0x1234, 9), "18 33 00 00 34 12 00 00 00 00 00 00 09 00 00 00"),
        BuilderCase.Of(Insn.LdFunc(Reg.R2, 6), "18 42 00 00 06 00 00 00 00 00 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Ldx(Size.Word, Reg.R1, Reg.R6, 0), "61 61 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.Ldx(Size.DWord, Reg.R1, Reg.R10, -8), "79 a1 f8 ff 00 00 00 00"),
        BuilderCase.Of(Insn.LdxSx(Size.Half, Reg.R1, Reg.R2, 2), "89 21 02 00 00 00 00 00"),
        BuilderCase.Of(Insn.St(Size.DWord, Reg.R10, -8, 0), "7a 0a f8 ff 00 00 00 00"),
        BuilderCase.Of(Insn.St(Size.Byte, Reg.R1, 3, 0xff), "72 01 03 00 ff 00 00 00"),
        BuilderCase.Of(Insn.Stx(Size.DWord, Reg.R10, -8, Reg.R1), "7b 1a f8 ff 00 00 00 00"),
        BuilderCase.Of(Insn.Stx(Size.Half, Reg.R1, 2, Reg.R2), "6b 21 02 00 00 00 00 00"),
        BuilderCase.Of(Insn.LdAbs(Size.Half, 12), "28 00 00 00 0c 00 00 00"),
        BuilderCase.Of(Insn.LdInd(Size.Byte, Reg.R7, 1), "50 70 00 00 01 00 00 00"),
        BuilderCase.Of(Insn.Atomic(Size.DWord, AtomicOp.Add, Reg.R1, -8, Reg.R2), "db 21 f8 ff 00 00 00 00"),
        BuilderCase.Of(Insn.AtomicAdd(Size.Word, Reg.R1, 0, Reg.R2), "c3 21 00 00 00 00 00 00"),
        BuilderCase.Of(Insn.AtomicOr(Size.DWord, Reg.R1, 0, Reg.R2), "db 21 00 00 40 00 00 00"),
        BuilderCase.Of(Insn.AtomicAnd(Size.Word, Reg.R1, 0, Reg.R2), "c3 21 00 00 50 00 00 00"),
        BuilderCase.Of(Insn.AtomicXor(Size.DWord, Reg.R1, 0, Reg.R2), "db 21 00 00 a0 00 00 00"),
        BuilderCase.Of(Insn.AtomicFetchAdd(Size.DWord, Reg.R1, 0, Reg.R2), "db 21 00 00 01 00 00 00"),
        BuilderCase.Of(Insn.AtomicFetchOr(Size.Word, Reg.R1, 0, Reg.R2), "c3 21 00 00 41 00 00 00"),
        BuilderCase.Of(Insn.AtomicFetchAnd(Size.DWord, Reg.R1, 0, Reg.R2), "db 21 00 00 51 00 00 00"),
        BuilderCase.Of(Insn.AtomicFetchXor(Size.Word, Reg.R1, 0, Reg.R2), "c3 21 00 00 a1 00 00 00"),
        BuilderCase.Of(Insn.AtomicXchg(Size.Word, Reg.R1, 0, Reg.R2), "c3 21 00 00 e1 00 00 00"),
        BuilderCase.Of(Insn.AtomicCmpxchg(Size.DWord, Reg.R1, 0, Reg.R2), "db 21 00 00 f1 00 00 00"),
        BuilderCase.Of(Insn.LoadAcquire(Size.Byte, Reg.R0, Reg.R1, 0), "d3 10 00 00 00 01 00 00"),
        BuilderCase.Of(Insn.StoreRelease(Size.DWord, Reg.R1, -8, Reg.R2), "db 21 f8 ff 10 01 00 00"),
    ];

    public static TheoryData<string> Cases => BuilderCase.Rows(s_cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Builds_the_expected_bytes(string call)
    {
        var c = s_cases.Single(c => c.Call == call);

        c.Hex.ShouldBe(c.Expected);
        // Every builder output is well-formed; its text is checked against llvm by the ISA table and llvm tests.
        Disassembler.IsWellFormed(c.Slots[0], c.Slots.Length > 1 ? c.Slots[1] : default).ShouldBeTrue();
    }

    [Fact]
    public void The_cases_cover_every_public_builder()
    {
        var builders = typeof(Insn).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Insn) || m.ReturnType == typeof(InsnPair))
            .Select(m => m.Name)
            .Except(["FromUInt64", "op_Equality", "op_Inequality"])
            .ToHashSet();
        var tested = s_cases.Select(c => c.Call["Insn.".Length..c.Call.IndexOf('(', StringComparison.Ordinal)]).ToHashSet();

        builders.Except(tested).ShouldBeEmpty();
    }

    public static TheoryData<string, Type> Impossible => new()
    {
        { "movsx of 64 bits", typeof(ArgumentOutOfRangeException) },
        { "movsx of 0 bits", typeof(ArgumentOutOfRangeException) },
        { "movsx32 of 32 bits", typeof(ArgumentOutOfRangeException) },
        { "byte swap of 8 bits", typeof(ArgumentOutOfRangeException) },
        { "bswap of 128 bits", typeof(ArgumentOutOfRangeException) },
        { "atomic add of a byte", typeof(ArgumentException) },
        { "atomic fetch-add of a half word", typeof(ArgumentException) },
        { "atomic xchg of a byte", typeof(ArgumentException) },
        { "atomic operation 0x20", typeof(ArgumentException) },
        { "atomic operation 0x120", typeof(ArgumentException) },
        { "sign-extending load of 64 bits", typeof(ArgumentException) },
        { "LD_ABS of 64 bits", typeof(ArgumentException) },
        { "LD_IND of 64 bits", typeof(ArgumentException) },
        { "access size 0x20", typeof(ArgumentException) },
        { "Alu with neg", typeof(ArgumentException) },
        { "Alu32 with end", typeof(ArgumentException) },
        { "Alu with op 0xe0", typeof(ArgumentException) },
        { "Jmp with ja", typeof(ArgumentException) },
        { "Jmp with call", typeof(ArgumentException) },
        { "Jmp32 with exit", typeof(ArgumentException) },
        { "Jmp with jcond", typeof(ArgumentException) },
        { "destination r11", typeof(ArgumentOutOfRangeException) },
        { "source r15", typeof(ArgumentOutOfRangeException) },
    };

    private static readonly Dictionary<string, Func<object>> s_impossible = new()
    {
        ["movsx of 64 bits"] = () => Insn.MovSx(Reg.R1, Reg.R2, 64),
        ["movsx of 0 bits"] = () => Insn.MovSx(Reg.R1, Reg.R2, 0),
        ["movsx32 of 32 bits"] = () => Insn.MovSx32(Reg.R1, Reg.R2, 32),
        ["byte swap of 8 bits"] = () => Insn.ToBe(Reg.R1, 8),
        ["bswap of 128 bits"] = () => Insn.Bswap(Reg.R1, 128),
        ["atomic add of a byte"] = () => Insn.AtomicAdd(Size.Byte, Reg.R1, 0, Reg.R2),
        ["atomic fetch-add of a half word"] = () => Insn.AtomicFetchAdd(Size.Half, Reg.R1, 0, Reg.R2),
        ["atomic xchg of a byte"] = () => Insn.AtomicXchg(Size.Byte, Reg.R1, 0, Reg.R2),
        ["atomic operation 0x20"] = () => Insn.Atomic(Size.Word, (AtomicOp)0x20, Reg.R1, 0, Reg.R2),
        ["atomic operation 0x120"] = () => Insn.Atomic(Size.Word, (AtomicOp)0x120, Reg.R1, 0, Reg.R2),
        ["sign-extending load of 64 bits"] = () => Insn.LdxSx(Size.DWord, Reg.R1, Reg.R2, 0),
        ["LD_ABS of 64 bits"] = () => Insn.LdAbs(Size.DWord, 0),
        ["LD_IND of 64 bits"] = () => Insn.LdInd(Size.DWord, Reg.R1, 0),
        ["access size 0x20"] = () => Insn.Ldx((Size)0x20, Reg.R1, Reg.R2, 0),
        ["Alu with neg"] = () => Insn.Alu(AluOp.Neg, Reg.R1, 1),
        ["Alu32 with end"] = () => Insn.Alu32(AluOp.End, Reg.R1, Reg.R2),
        ["Alu with op 0xe0"] = () => Insn.Alu((AluOp)0xe0, Reg.R1, 1),
        ["Jmp with ja"] = () => Insn.Jmp(JmpOp.Ja, Reg.R1, 0, 1),
        ["Jmp with call"] = () => Insn.Jmp(JmpOp.Call, Reg.R1, Reg.R2, 1),
        ["Jmp32 with exit"] = () => Insn.Jmp32(JmpOp.Exit, Reg.R1, 0, 1),
        ["Jmp with jcond"] = () => Insn.Jmp(JmpOp.Jcond, Reg.R0, 0, 1),
        ["destination r11"] = () => Insn.Mov((Reg)11, 1),
        ["source r15"] = () => Insn.Stx(Size.Word, Reg.R1, 0, (Reg)15),
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void Refuses_impossible_encodings(string what, Type exception)
    {
        var thrown = Should.Throw<ArgumentException>(() => s_impossible[what]());

        thrown.GetType().ShouldBe(exception);
        thrown.Message.ShouldNotBeNullOrWhiteSpace();
    }
}
