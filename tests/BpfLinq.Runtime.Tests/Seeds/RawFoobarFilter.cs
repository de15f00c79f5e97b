using System.Text;
using BpfLinq.Compiler.Isa;
using Quickstart;

namespace BpfLinq.Runtime.Tests.Seeds;

/// <summary>
/// The blog post's second program, the "foobar" sk_skb filter, instruction for instruction as in
/// the post, built with the Insn builders (the quickstart has it as lambdas).
/// </summary>
internal static class RawFoobarFilter
{
    private const int SkDrop = 0;
    private const int SkPass = 1;

    /// <summary>The program, given the fd of the map holding "foobar".</summary>
    public static Insn[] Instructions(int stringMapFd) =>
    [
        Insn.Mov(Reg.R6, Reg.R1),
        Insn.Stx(Size.DWord, Reg.R10, -0x8, Reg.R1),
        Insn.St(Size.DWord, Reg.R10, -0x10, 0),

        // return SK_PASS if packet_len < 6 bytes
        Insn.Ldx(Size.DWord, Reg.R1, Reg.R10, -0x8),
        Insn.Ldx(Size.Word, Reg.R7, Reg.R1, 0),
        Insn.Jmp(JmpOp.Jge, Reg.R7, 6, 2),
        Insn.Mov(Reg.R0, SkPass),
        Insn.Exit(),

        // r9 = &"foobar" (value 0 of the string map)
        ..Insn.LdMapFd(Reg.R1, stringMapFd),
        Insn.Mov(Reg.R2, Reg.R10),
        Insn.Add(Reg.R2, -0x10),
        Insn.Call(Helper.MapLookupElem),
        Insn.Jmp(JmpOp.Jne, Reg.R0, 0, 2),
        Insn.Mov(Reg.R0, SkDrop),
        Insn.Exit(),
        Insn.Mov(Reg.R9, Reg.R0),

        // for (r8 = 0; r8 < 0x200; r8++): load 6 bytes at offset r8 and compare with "foobar"
        Insn.Mov(Reg.R8, 0),
        Insn.Mov(Reg.R1, Reg.R6),
        Insn.Mov(Reg.R2, Reg.R8),
        Insn.Mov(Reg.R3, Reg.R10),
        Insn.Add(Reg.R3, -0x18),
        Insn.Mov(Reg.R4, 6),
        Insn.Call(Helper.SkbLoadBytes),
        Insn.Jmp(JmpOp.Jlt, Reg.R0, 0, 10),

        // drop the packet if it contains "foobar"
        Insn.Mov(Reg.R1, Reg.R10),
        Insn.Add(Reg.R1, -0x18),
        Insn.Mov(Reg.R2, 6),
        Insn.Mov(Reg.R3, Reg.R9),
        Insn.Call(Helper.Strncmp),
        Insn.Jmp(JmpOp.Jne, Reg.R0, 0, 2),
        Insn.Mov(Reg.R0, SkDrop),
        Insn.Exit(),
        Insn.Add(Reg.R8, 1),
        Insn.Jmp(JmpOp.Jlt, Reg.R8, 0x200, -17),

        Insn.Mov(Reg.R0, SkPass),
        Insn.Exit(),
    ];

    /// <summary>
    /// A frozen array map whose one value is <paramref name="text"/> NUL-terminated, readable by
    /// programs only (BPF_F_RDONLY_PROG), as <c>bpf_strncmp</c>'s constant-string argument requires.
    /// </summary>
    public static BpfMap CreateStringMap(string text)
    {
        var value = new byte[(Encoding.ASCII.GetByteCount(text) + 1 + 7) / 8 * 8];
        Encoding.ASCII.GetBytes(text, value);
        var map = BpfMap.Create(new MapCreateOptions
        {
            Type = MapType.Array,
            KeySize = sizeof(int),
            ValueSize = value.Length,
            MaxEntries = 1,
            Flags = MapFlags.RdonlyProg,
            Name = "needle",
        });
        try
        {
            map.Update(BitConverter.GetBytes(0), value);
            map.Freeze(); // read-only from user space too: the verifier then trusts its contents
            return map;
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>The load options of this program (sk_skb, GPL: <c>bpf_strncmp</c> needs no GPL, the post uses it).</summary>
    public static ProgramLoadOptions LoadOptions(int stringMapFd) => new()
    {
        Type = ProgramType.SkSkb,
        Instructions = Instructions(stringMapFd),
        License = "GPL v2",
        Name = "foobar_filter",
    };

    /// <summary>
    /// Loads a stream-verdict program, attaches it to a sockmap holding one end of a UNIX datagram
    /// socketpair, sends each packet from the other end and returns what arrived ("" when dropped).
    /// </summary>
    public static List<(string Sent, string Received)> Run(ProgramLoadOptions verdictProgram, IEnumerable<string> packets)
    {
        using var verdict = BpfProgram.Load(verdictProgram);
        return FoobarFilter.Run(verdict, packets);
    }

}
