using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>
/// Structural equality of two type graphs: same shape, kinds, names and scalars, with references
/// matched one-to-one (an isomorphism), so cycles and shared subgraphs compare correctly and two
/// distinct-but-equal objects on one side cannot stand for one object on the other.
/// </summary>
internal static class BtfGraphComparer
{
    /// <summary>The first difference found, as "path: what differs", or null when the graphs are isomorphic.</summary>
    public static string? Difference(BtfType expected, BtfType actual)
    {
        var forward = new Dictionary<BtfType, BtfType>(ReferenceEqualityComparer.Instance);
        var backward = new Dictionary<BtfType, BtfType>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<(BtfType Expected, BtfType Actual, string Path)>();
        pending.Enqueue((expected, actual, expected.ToString()));
        while (pending.TryDequeue(out var pair))
        {
            var (x, y, path) = pair;
            var knownX = forward.TryGetValue(x, out var mappedX);
            var knownY = backward.TryGetValue(y, out var mappedY);
            if (knownX || knownY)
            {
                if (!ReferenceEquals(mappedX, y) || !ReferenceEquals(mappedY, x))
                {
                    return $"{path}: {x} and {y} are matched with different nodes elsewhere";
                }
                continue;
            }
            forward.Add(x, y);
            backward.Add(y, x);
            if (Scalars(x) != Scalars(y))
            {
                return $"{path}: expected {Scalars(x)}, got {Scalars(y)}";
            }
            var refsX = References(x);
            var refsY = References(y);
            for (var i = 0; i < refsX.Count; i++)
            {
                pending.Enqueue((refsX[i].Type, refsY[i].Type, $"{path}/{refsX[i].Label}"));
            }
        }
        return null;
    }

    /// <summary>Everything but references, as text.</summary>
    private static string Scalars(BtfType type)
    {
        var head = $"{type.GetType().Name} {type.Kind} '{type.Name}'";
        return head + type switch
        {
            BtfInt i => $" size={i.Size} bits={i.Bits} offset={i.BitOffset} encoding={i.Encoding}",
            BtfArray a => $" count={a.Count}",
            BtfComposite c => $" size={c.Size} members=[{string.Join(", ", c.Members.Select(m => $"{m.Name}@{m.BitOffset}:{m.BitfieldSize}"))}]",
            BtfEnum e => $" size={e.Size} signed={e.IsSigned} values=[{string.Join(", ", e.Values)}]",
            BtfEnum64 e => $" size={e.Size} signed={e.IsSigned} values=[{string.Join(", ", e.Values)}]",
            BtfFwd f => $" fwd={f.FwdKind}",
            BtfTypeTag t => $" attribute={t.IsAttribute}",
            BtfFunc f => $" linkage={f.Linkage}",
            BtfFuncProto p => $" variadic={p.IsVariadic} parameters=[{string.Join(", ", p.Parameters.Select(q => q.Name))}]",
            BtfVar v => $" linkage={v.Linkage}",
            BtfDataSec d => $" size={d.Size} entries=[{string.Join(", ", d.Variables.Select(v => $"{v.Offset}+{v.Size}"))}]",
            BtfFloat f => $" size={f.Size}",
            BtfDeclTag t => $" component={t.ComponentIndex} attribute={t.IsAttribute}",
            _ => "",
        };
    }

    private static List<(string Label, BtfType Type)> References(BtfType type) => type switch
    {
        BtfPointer p => [("target", p.Target)],
        BtfArray a => [("element", a.Element), ("index", a.IndexType)],
        BtfComposite c => c.Members.Select((m, i) => ($"member {i} '{m.Name}'", m.Type)).ToList(),
        BtfTypedef t => [("target", t.Target)],
        BtfQualifier q => [("target", q.Target)],
        BtfFunc f => [("proto", f.Proto)],
        BtfFuncProto p => [("return", p.ReturnType), .. p.Parameters.Select((q, i) => ($"parameter {i} '{q.Name}'", q.Type))],
        BtfVar v => [("type", v.Type)],
        BtfDataSec d => d.Variables.Select((v, i) => ($"entry {i}", v.Type)).ToList(),
        BtfDeclTag t => [("target", t.Target)],
        _ => [],
    };
}
