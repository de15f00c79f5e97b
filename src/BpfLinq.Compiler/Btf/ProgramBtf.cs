using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The BTF a compiled program carries: one FUNC per function (the entry global, taking the context
/// tagged <c>arg:ctx</c>; subprograms and callbacks static, as <c>bpf_loop</c> demands), func_info
/// naming where each starts, and line_info for every run of instructions from one C# expression
/// (each function's first slot included), so the verifier's log and our errors quote the lambda.
/// </summary>
internal static class ProgramBtf
{
    /// <summary>Builds the BTF blob and the func_info and line_info records.</summary>
    public static (byte[] Btf, FuncInfo[] FuncInfo, LineInfo[] LineInfo) Build(
        Module module, int[] starts, SourceRef?[] sources, string? sourceFile, int sourceLine)
    {
        var builder = new BtfBuilder();
        var voidPtr = new BtfPointer(BtfVoid.Instance);
        var u64 = new BtfInt("unsigned long long", 8, BtfIntEncoding.None);
        var i32 = new BtfInt("int", 4, BtfIntEncoding.Signed);
        var funcInfo = new FuncInfo[module.Functions.Count];
        for (var f = 0; f < module.Functions.Count; f++)
        {
            var function = module.Functions[f];
            BtfFunc func;
            if (f == 0)
            {
                func = new BtfFunc(FunctionName(function.Name), new BtfFuncProto(i32, [new BtfParameter("ctx", voidPtr)]), BtfLinkage.Global);
                builder.Add(func);
                builder.Add(new BtfDeclTag("arg:ctx", func, componentIndex: 0));
            }
            else
            {
                var parameters = function.Params.Select((p, k) => new BtfParameter("a" + k, p.Type.IsPointer() ? voidPtr : u64));
                func = new BtfFunc(FunctionName(function.Name), new BtfFuncProto(u64, parameters));
                builder.Add(func);
            }
            funcInfo[f] = new FuncInfo((uint)starts[f], (uint)builder.GetId(func));
        }
        var lines = LineInfos(builder.Strings, starts, sources, sourceFile ?? "lambda", sourceLine);
        return (builder.Marshal(), funcInfo, lines);
    }

    private static LineInfo[] LineInfos(BtfStringTable strings, int[] starts, SourceRef?[] sources, string file, int line)
    {
        var fileOffset = strings.Add(file);
        var records = new List<LineInfo>();
        var isStart = new HashSet<int>(starts);
        string? previous = null;
        for (var slot = 0; slot < sources.Length; slot++)
        {
            // A record carries only the text, so a run is a change of text: comparing sources would
            // also render their paths, as long as the expression is deep (a 10,000-link chain's
            // texts are all cut to the same 80 characters, and its paths made this step quadratic).
            var text = sources[slot]?.Text;
            if ((text is not null && text != previous) || isStart.Contains(slot))
            {
                records.Add(LineInfo.Create((uint)slot, fileOffset, strings.Add(Printable(text ?? "")), Math.Max(line, 0), 0));
            }
            previous = text ?? previous;
        }
        return [.. records];
    }

    // BTF strings end at NUL; the verifier prints them on one line.
    private static string Printable(string text) =>
        !text.Any(char.IsControl) ? text : string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));

    // BTF names are C identifiers.
    private static string FunctionName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        return chars.Length == 0 || char.IsAsciiDigit(chars[0]) ? "f_" + new string(chars) : new string(chars);
    }
}
