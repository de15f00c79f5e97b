using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime;

namespace BpfLinq.Runtime.Tests.Seeds;

/// <summary>
/// The blog post's third program: the "foobar" filter rewritten with <c>bpf_loop</c> and the
/// <c>bpf_strcmp</c> kfunc. The callback is a subprogram whose address is loaded with
/// <c>ld_imm64</c> (BPF_PSEUDO_FUNC); the kfunc is called by its vmlinux BTF id; and the verifier
/// needs BTF func_info for both functions, which <see cref="BtfBuilder"/> writes here.
/// Instruction for instruction as in the post.
/// </summary>
internal static class LoopKfuncFoobarFilter
{
    private const int SkDrop = 0;
    private const int SkPass = 1;

    /// <summary>The main program: 24 slots; the callback starts right after it.</summary>
    public static Insn[] MainProgram() =>
    [
        Insn.Stx(Size.DWord, Reg.R10, -0x8, Reg.R1),
        Insn.St(Size.DWord, Reg.R10, -0x10, 0),
        Insn.Mov(Reg.R1, Reg.R10),
        Insn.Add(Reg.R1, -0x8),
        Insn.Stx(Size.DWord, Reg.R10, -0x18, Reg.R1),

        // return SK_PASS if packet_len < 6 bytes
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R10, -0x8),
        Insn.Ldx(Size.Word, Reg.R7, Reg.R1, 0),
        Insn.Jmp(JmpOp.Jge, Reg.R7, 6, 2),
        Insn.Mov(Reg.R0, SkPass),
        Insn.Exit(),

        // bpf_loop(len - 5, callback, &ctx_slot, 0)
        Insn.Mov(Reg.R1, Reg.R7),
        Insn.Add(Reg.R1, -5),
        ..Insn.LdFunc(Reg.R2, 11),
        Insn.Mov(Reg.R3, Reg.R10),
        Insn.Add(Reg.R3, -0x18),
        Insn.Mov(Reg.R4, 0),
        Insn.Call(Helper.Loop),
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R10, -0x10),
        Insn.Jmp(JmpOp.Jeq, Reg.R1, 1, 2),
        Insn.Mov(Reg.R0, SkPass),
        Insn.Exit(),

        Insn.Mov(Reg.R0, SkDrop),
        Insn.Exit(),
    ];

    /// <summary>The callback: r1 = loop index, r2 = the context (address of main's slot holding the skb pointer).</summary>
    public static Insn[] Callback(int stringMapFd, int strcmpBtfId) =>
    [
        Insn.Stx(Size.DWord, Reg.R10, -0x8, Reg.R2),
        Insn.St(Size.DWord, Reg.R10, -0x10, 0),
        Insn.Mov(Reg.R3, Reg.R1),

        // load skb->data[index..][0..6] onto the stack
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R2, 0),
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R1, 0),
        Insn.Mov(Reg.R2, Reg.R3),
        Insn.Mov(Reg.R3, Reg.R10),
        Insn.Add(Reg.R3, -0x18),
        Insn.Mov(Reg.R4, 6),
        Insn.Call(Helper.SkbLoadBytes),
        Insn.Jmp(JmpOp.Jeq, Reg.R0, 0, 2),
        Insn.Mov(Reg.R0, 1),
        Insn.Exit(),

        // load "foobar" into r9
        ..Insn.LdMapFd(Reg.R1, stringMapFd),
        Insn.Mov(Reg.R2, Reg.R10),
        Insn.Add(Reg.R2, -0x10),
        Insn.Call(Helper.MapLookupElem),
        Insn.Jmp(JmpOp.Jne, Reg.R0, 0, 2),
        Insn.Mov(Reg.R0, 1),
        Insn.Exit(),
        Insn.Mov(Reg.R9, Reg.R0),

        Insn.Mov(Reg.R1, Reg.R10),
        Insn.Add(Reg.R1, -0x18),
        Insn.Mov(Reg.R2, Reg.R9),
        Insn.CallKfunc(strcmpBtfId),
        Insn.Jmp(JmpOp.Jne, Reg.R0, 0, 5),
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R10, -0x8),
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R1, 0),
        Insn.St(Size.DWord, Reg.R1, -0x8, 1), // "found": main's slot below the one holding the skb pointer
        Insn.Mov(Reg.R0, 1),
        Insn.Exit(),

        Insn.Mov(Reg.R0, 0),
        Insn.Exit(),
    ];

    /// <summary>
    /// The BTF the verifier needs for a callback: one FUNC per function. As in the post, main is a
    /// global function taking a context (void * tagged <c>arg:ctx</c>) and returning a 32-bit int;
    /// the callback is static, <c>u64 (u64 index, void *ctx)</c>.
    /// </summary>
    public static (byte[] Btf, FuncInfo[] FuncInfo) Btf(int callbackOffset)
    {
        var voidPtr = new BtfPointer(BtfVoid.Instance);
        var u32 = new BtfInt("unsigned int", 4, BtfIntEncoding.None);
        var u64 = new BtfInt("unsigned long long", 8, BtfIntEncoding.None);
        var main = new BtfFunc("foobar_filter", new BtfFuncProto(u32, [new BtfParameter("ctx", voidPtr)]), BtfLinkage.Global);
        var callback = new BtfFunc("check_window", new BtfFuncProto(u64, [new BtfParameter("index", u64), new BtfParameter("ctx", voidPtr)]));
        var builder = new BtfBuilder();
        var mainId = builder.Add(main);
        builder.Add(new BtfDeclTag("arg:ctx", main, componentIndex: 0));
        var callbackId = builder.Add(callback);
        return (builder.Marshal(), [new FuncInfo(0, (uint)mainId), new FuncInfo((uint)callbackOffset, (uint)callbackId)]);
    }

    /// <summary>Load options for the whole program (BTF object owned by the caller).</summary>
    public static ProgramLoadOptions LoadOptions(BtfObject? btf, FuncInfo[] funcInfo, int stringMapFd, int strcmpBtfId) => new()
    {
        Type = ProgramType.SkSkb,
        Instructions = (Insn[])[.. MainProgram(), .. Callback(stringMapFd, strcmpBtfId)],
        License = "GPL v2",
        Name = "foobar_loop",
        ProgBtf = btf,
        FuncInfo = funcInfo,
    };
}
