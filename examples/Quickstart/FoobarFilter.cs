using System.Net.Sockets;
using System.Text;
using BpfLinq;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Links;
using BpfLinq.Runtime.Maps;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Programs;
using static BpfLinq.Verdict;

namespace Quickstart;

/// <summary>
/// The blog post's "drop packets containing foobar" sk_skb stream-verdict filter (shared/seeds/004),
/// run on a sockmap holding one end of a socketpair, as the post does. Written as C# lambdas twice,
/// like the post's two versions: a loop over <c>bpf_skb_load_bytes</c> + <c>bpf_strncmp</c>
/// (<see cref="StrncmpLoop"/>), and <c>bpf_loop</c> with a callback calling the <c>bpf_strcmp</c>
/// kfunc (<see cref="BpfLoopStrcmp"/>). The post's first version is also kept instruction for
/// instruction (<see cref="Instructions"/>), built with BpfLinq's <see cref="Insn"/> builders, as the
/// seed reproduction the tests compare against.
/// </summary>
public static class FoobarFilter
{
    /// <summary>Slides a 6-byte window over the first 512 offsets: a bounded loop in the program (the verifier walks all 512 iterations).</summary>
    public static readonly BpfFilter<SkBuff> StrncmpLoop = Bpf.Filter<SkBuff>(skb =>
        skb.Len < 6 ? Pass
        : Bpf.Any(0x200, i => Bpf.Strncmp(skb.LoadBytes(i, 6), 6, "foobar") == 0, LoopStrategy.Inline) ? Drop : Pass);

    /// <summary>The same with <c>bpf_loop</c> over exactly the packet's windows, each compared by the <c>bpf_strcmp</c> kfunc.</summary>
    public static readonly BpfFilter<SkBuff> BpfLoopStrcmp = Bpf.Filter<SkBuff>(skb =>
        skb.Len < 6 ? Pass
        : Bpf.Any((int)skb.Len - 5, i => Bpf.Strcmp(skb.LoadBytes(i, 6), "foobar") == 0, LoopStrategy.Callback) ? Drop : Pass);

    /// <summary>Compiles a lambda version as sk_skb, loads it and runs <paramref name="packets"/> through it.</summary>
    public static List<(string Sent, string Received)> Run(BpfFilter<SkBuff> filter, IEnumerable<string> packets)
    {
        using var verdict = filter.Compile(ProgramKind.SkSkb).Load();
        return Run(verdict, packets);
    }

    private const int SkDrop = 0;
    private const int SkPass = 1;

    private static readonly TimeSpan s_keptPacketWait = TimeSpan.FromMilliseconds(200);

    /// <summary>The packets the post sends, in order.</summary>
    public static readonly string[] BlogPackets = ["foo", "bar", "foobar", "fooba", "snafu", "ffoobarbaz", "bazbarfoo"];

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
        return Run(verdict, packets);
    }

    /// <summary>Runs packets through a loaded stream-verdict program (see the other overload).</summary>
    public static List<(string Sent, string Received)> Run(BpfProgram verdict, IEnumerable<string> packets)
    {
        using var sockMap = BpfMap.Create(new MapCreateOptions { Type = MapType.SockMap, KeySize = 4, ValueSize = 4, MaxEntries = 1, Name = "socks" });
        using var attachment = SockMapAttachment.Attach(sockMap, verdict, AttachType.SkSkbStreamVerdict);
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        {
            sockMap.Update(0u, (uint)receiver.SafeHandle.DangerousGetHandle());
            var results = new List<(string, string)>();
            var buffer = new byte[0x10];
            foreach (var packet in packets)
            {
                sender.Send(Encoding.ASCII.GetBytes(packet));
                // A kept packet is queued at once; a dropped one never arrives, so wait briefly for it.
                var received = receiver.Poll(s_keptPacketWait, SelectMode.SelectRead)
                    ? Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer))
                    : "";
                results.Add((packet, received));
            }
            return results;
        }
    }
}
