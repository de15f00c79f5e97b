using BpfLinq.Compiler.Backend.RegisterAllocation;
using Xunit.Abstractions;
namespace BpfLinq.Compiler.Tests.Backend;
public sealed class StatsProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var shown = 0;
        for (var seed = 0; seed < 200 && shown < 3; seed++)
        {
            var f = RandomIr.Generate(seed, 8);
            var code = Backend.Compile(f);
            if (code.Allocation.SlotCount == 0 && code.Instructions.Length is > 25 and < 60)
            {
                shown++;
                output.WriteLine(f.ToString());
                output.WriteLine(code.Disassemble());
            }
        }
    }
}
