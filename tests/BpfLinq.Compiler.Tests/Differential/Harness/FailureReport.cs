using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// The text a failing case ends with: what went wrong, the compiler and kind, the lambda as C#, the
/// disassembly, every run's kernel and CLR values, and each input with the model's values of the
/// context fields the tree reads.
/// </summary>
internal sealed class FailureReport(CompilerUnderTest compiler, DifferentialCase testCase)
{
    private readonly List<(int Input, uint Kernel, uint Clr, bool HighHalf)> _runs = [];

    /// <summary>The compiled instructions, once there are some.</summary>
    public Insn[]? Instructions { get; set; }

    /// <summary>Records one run.</summary>
    public void AddRun(int input, uint kernel, uint clr, bool highHalf) => _runs.Add((input, kernel, clr, highHalf));

    /// <summary>The report, under <paramref name="headline"/>.</summary>
    public string Render(string headline)
    {
        var program = testCase.Program;
        var text = new StringBuilder();
        text.AppendLine(headline);
        text.AppendLine(CultureInfo.InvariantCulture, $"compiler: {compiler.Name}; kind: {program.Kind}");
        text.AppendLine(CultureInfo.InvariantCulture, $"C#: {ExpressionText.Of(program.Lambda)}");
        // The C# text hides the types of literals and of switch values; the tree's own debug view shows them.
        text.AppendLine(CultureInfo.InvariantCulture, $"tree: {DebugView(program.Lambda)}");
        if (Instructions is { } instructions)
        {
            text.AppendLine("disassembly:");
            foreach (var line in Disassembler.Disassemble(instructions))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            }
        }
        if (_runs.Count > 0)
        {
            text.AppendLine("runs (kernel vs CLR, the 32 bits the kernel returns):");
            foreach (var (input, kernel, clr, high) in _runs)
            {
                var mark = kernel == clr ? "" : "   <-- differs";
                text.AppendLine(CultureInfo.InvariantCulture, $"  #{input}{(high ? " high half" : "")}: kernel 0x{kernel:x8}, CLR 0x{clr:x8}{mark}");
            }
        }
        text.AppendLine("inputs:");
        var fields = FieldsRead(program.Lambda);
        for (var i = 0; i < testCase.Inputs.Length; i++)
        {
            var input = testCase.Inputs[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"  #{i}: {input}");
            if (fields.Count > 0 && input.Refusal(program.Kind) is null)
            {
                var context = input.Predict(program.Kind);
                text.AppendLine(CultureInfo.InvariantCulture, $"      model: {string.Join(", ", fields.Select(f => $"{f.Name}={Format(f.GetValue(context))}"))}");
            }
        }
        return text.ToString();
    }

    // The context properties the tree reads, in first-read order.
    private static List<PropertyInfo> FieldsRead(LambdaExpression lambda) =>
        Nodes.All(lambda).OfType<MemberExpression>()
            .Where(m => m.Expression is ParameterExpression p && (p.Type == typeof(SkBuff) || p.Type == typeof(XdpMd)))
            .Select(m => (PropertyInfo)m.Member)
            .Distinct()
            .ToList();

    private static string Format(object? value) => value switch
    {
        uint[] array => "[" + string.Join(", ", array.Select(v => "0x" + v.ToString("x", CultureInfo.InvariantCulture))) + "]",
        IFormattable f => "0x" + Convert.ToUInt64(f, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private static string? DebugView(Expression e) =>
        typeof(Expression).GetProperty("DebugView", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(e) as string;
}
