using System.Text;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>Text of the emitted stream before branch resolution, for dumps: labels as <c>L3:</c>, jumps as <c>... -&gt; L3</c>.</summary>
internal static class AsmItemPrinter
{
    /// <summary>The items, one per line, each label before the item it stands at.</summary>
    public static string Print(IReadOnlyList<AsmItem> items, int[] labels)
    {
        var sb = new StringBuilder();
        for (var k = 0; k <= items.Count; k++)
        {
            for (var label = 0; label < labels.Length; label++)
            {
                if (labels[label] == k)
                {
                    sb.Append('L').Append(label).Append(":\n");
                }
            }
            if (k == items.Count)
            {
                break;
            }
            var item = items[k];
            Insn[] slots = item.Kind == AsmItemKind.Wide ? [item.Insn, item.Second] : [item.Insn];
            sb.Append("  ").Append(Disassembler.Disassemble(slots, DisassemblyOptions.None)[0]);
            if (item.Kind is AsmItemKind.Jump or AsmItemKind.Branch)
            {
                sb.Append(" -> L").Append(item.Target);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
