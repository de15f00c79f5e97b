using System.Linq.Expressions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Frontend.Semantics;

/// <summary>Lambdas as C# users write them: promotions, captured configuration, guards, verdicts, intrinsics.</summary>
internal static class LambdaCases
{
    private static readonly int s_staticLimit = 1500;

    private sealed class Config
    {
        public uint MinLength { get; init; } = 64;

        public int[] Ports { get; } = [80, 443, 8080];
    }

    public static void AddTo(SemanticCaseList cases)
    {
        var limit = 100;
        var config = new Config();
        ushort port = 443;
        var small = Small.B;
        var zero = 0u;
        Expression<Func<SkBuff, bool>> isLong = s => s.Len > 1000;

        cases.Filter("socket filter on length", skb => skb.Len < 6 ? Pass : Drop, ProgramKind.SocketFilter);
        cases.Filter("every verdict of sk_skb", skb => skb.Len < 6 ? Pass : Drop, ProgramKind.SkSkb);
        cases.Filter("cgroup_skb verdicts", skb => skb.Priority > 7 ? Drop : Pass, ProgramKind.CgroupSkb);
        cases.Filter("keep some bytes", skb => skb.Len > 100 ? Keep(skb.Len / 2) : Keep(64), ProgramKind.SocketFilter);
        cases.Filter("captured limit", skb => skb.Len < limit && skb.Mark != 0 ? Pass : Drop);
        cases.Filter("captured object chain", skb => skb.Len >= config.MinLength ? Pass : Drop);
        cases.Filter("captured array element", skb => skb.Cb[0] == config.Ports[1] ? Pass : Drop);
        cases.Filter("static field", skb => skb.Len > s_staticLimit ? Drop : Pass);
        cases.Filter("captured ushort", skb => (ushort)skb.Mark == port ? Pass : Drop);
        cases.Filter("captured enum", skb => (Small)skb.Mark == small ? Pass : Drop);
        cases.Filter("invoked captured expression", skb => isLong.Compile()(skb) || skb.Mark == 1 ? Drop : Pass);
        cases.Filter("nested conditionals", skb => skb.Len < 10 ? Drop : skb.Len < 100 ? (skb.Mark > 5 ? Pass : Drop) : Pass);
        cases.Filter("not and or", skb => !(skb.Len > 5 && skb.Mark < 3) || skb.Priority == 0 ? Pass : Drop);
        cases.Filter("bools compared", skb => (skb.Len > 5) == (skb.Mark > 5) ? Pass : Drop);
        cases.Filter("bool xor", skb => (skb.Len > 5) ^ (skb.Mark > 5) ? Pass : Drop);
        cases.Filter("non-short-circuit and", skb => (skb.Len > 5) & (skb.Mark > 5) ? Pass : Drop);
        cases.Raw("bool as value", skb => ((skb.Len > 5) == (skb.Mark > 5)) ? 1 : 0);
        cases.Raw("uint plus int promotes to long", skb => skb.Len + (int)skb.Mark);
        cases.Raw("byte arithmetic", skb => (byte)skb.Mark * (byte)skb.Len - (byte)skb.Priority);
        cases.Raw("sbyte arithmetic", skb => (sbyte)skb.Mark * (sbyte)skb.Len);
        cases.Raw("wrapping to byte", skb => (byte)(skb.Mark + 200));
        cases.Raw("short negation", skb => -(short)skb.Mark);
        cases.Raw("char arithmetic", skb => (char)skb.Mark + 'a');
        cases.Raw("ulong shifts", skb => (long)((skb.Tstamp << (int)skb.Mark) >> 3));
        cases.Raw("long shift by a large count", skb => ((long)skb.Cb[0] << 40) >> (int)skb.Cb[1]);
        cases.Raw("int shift masks the count", skb => (int)skb.Mark << (int)skb.Cb[1]);
        cases.Raw("guarded uint division", skb => skb.Mark != 0 ? skb.Len / skb.Mark : 0);
        cases.Raw("guarded remainder by greater-than", skb => skb.Mark > 0 && skb.Len % skb.Mark > 2 ? 1 : 0);
        cases.Raw("guarded by equality on the false side", skb => skb.Mark == 0 ? 0 : skb.Cb[0] % skb.Mark);
        cases.Raw("signed division guarded by sign", skb => (int)skb.Mark > 0 ? (int)skb.Len / (int)skb.Mark : -1);
        cases.Raw("signed division with dividend guard", skb => (int)skb.Mark != 0 && (int)skb.Len != int.MinValue ? (int)skb.Len / (int)skb.Mark : 0);
        cases.Raw("division by a constant", skb => (int)skb.Len / 7 + (long)skb.Tstamp % 1000);
        cases.Raw("division of a widened uint", skb => (long)skb.Len / ((long)skb.Mark + 1 == 0 ? 1 : (long)skb.Mark + 1));
        cases.Raw("long division through zext guard", skb => skb.Mark != 0 ? (long)skb.Tstamp / skb.Mark : 0);
        cases.Raw("byte divisor", skb => (byte)skb.Mark != 0 ? (int)skb.Len / (byte)skb.Mark : 0);
        cases.Raw("Bpf.Div and Rem", skb => Bpf.Div((int)skb.Len, (int)skb.Mark) + Bpf.Rem((int)skb.Cb[0], (int)skb.Cb[1]));
        cases.Raw("Bpf.Div unsigned", skb => Bpf.Div(skb.Len, skb.Mark) + (long)Bpf.Rem(skb.Tstamp, skb.Hwtstamp));
        cases.Raw("Bpf.Div long", skb => Bpf.Div((long)skb.Tstamp, (long)skb.Hwtstamp) ^ Bpf.Rem((long)skb.Tstamp, -1L));
        cases.Raw("every skb field a tc program reads", skb => skb.Len + skb.PktType + skb.Mark + skb.QueueMapping + skb.Protocol
            + skb.VlanPresent + skb.VlanTci + skb.VlanProto + skb.Priority + skb.IngressIfindex + skb.Ifindex + skb.TcIndex
            + skb.Cb[4] + skb.Hash + skb.TcClassid + skb.NapiId + skb.WireLen + skb.GsoSegs + skb.GsoSize + skb.TstampType
            + (long)(skb.Tstamp ^ skb.Hwtstamp));
        cases.Raw("socket fields of sk_skb", skb => skb.Family + skb.RemoteIp4 + skb.LocalIp4 + skb.RemotePort + skb.LocalPort
            + skb.RemoteIp6[3] + skb.LocalIp6[0] + skb.RemoteIp6.Length, ProgramKind.SkSkb);
        cases.Raw("conditional of longs", skb => skb.Len > 5 ? (long)skb.Tstamp : -(long)skb.Mark);
        cases.Raw("enum arithmetic", skb => (long)((Wide)skb.Mark | Wide.Neg));
        cases.Raw("unsigned comparison at the sign bit", skb => skb.Mark > 0x7fffffffu ? 1 : 0);
        cases.Raw("signed comparison at the sign bit", skb => (int)skb.Mark > -1 ? 1 : 0);
        cases.Raw("ulong comparison", skb => skb.Tstamp > skb.Hwtstamp ? 1L : skb.Tstamp == skb.Hwtstamp ? 0L : -1L);
        cases.Raw("constant condition", skb => 3 > 2 ? skb.Len : skb.Mark);
        cases.Raw("division in an arm a captured guard kills", skb => zero != 0 ? skb.Len / zero : skb.Mark);
        cases.Raw("division after a false and-also", skb => zero > 5 && skb.Len % zero == 1 ? 1 : 2);
        cases.Raw("invoked inline lambda", skb => ((Func<uint, uint, uint>)((a, b) => a * b + a)).Invoke(skb.Len, skb.Mark));
    }
}
