using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using Xunit.Abstractions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Frontend;

public sealed class Scratch(ITestOutputHelper output)
{
    private void Show<T>(Expression<Func<SkBuff, T>> e)
    {
        try { output.WriteLine(IrPrinter.Print(IrLowering.Lower(e, ProgramKind.SocketFilter, LoweringOptions.Default))); }
        catch (Exception x) { output.WriteLine(x.ToString()); }
    }

    [Fact]
    public void Dump()
    {
        var limit = 100;
        Show(skb => skb.Len < 6 ? Pass : Drop);
        Show(skb => skb.Len < limit && skb.Mark != 0 ? Pass : Drop);
        Show(skb => skb.Mark != 0 ? skb.Len / skb.Mark : 0);
        Show(skb => skb.Len / skb.Mark);
        Show(skb => (skb.Len > 3) == (skb.Mark > 3));
        Show(skb => (byte)(skb.Len + 1));
        Show(skb => skb.Tstamp);
    }
}
