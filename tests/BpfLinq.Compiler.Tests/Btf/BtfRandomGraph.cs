using BpfLinq.Compiler.Btf;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>One generated node: its kind, scalars, and references as indexes into the node list (negative: void).</summary>
internal sealed record BtfNodeSpec(int Kind, int Name, uint A, uint B, bool Flag, int[] Refs, long[] Values)
{
    public override string ToString() =>
        $"{(BtfKind)(Kind + 1)} name={Name} a={A} b={B} flag={Flag} refs=[{string.Join(",", Refs)}] values=[{string.Join(",", Values)}]";
}

/// <summary>
/// FsCheck generators of arbitrary type graphs: every kind, random references (so cycles, shared
/// nodes and self-references all occur), extreme scalars, and a small name pool (so the string table
/// deduplicates). Graphs are any the object model can hold, not only ones the kernel would accept.
/// </summary>
internal static class BtfRandomGraph
{
    private static readonly string[] s_names = ["a", "b", "sk_buff", "x", "node", "data", "int", "größe", "bpf_attr", "t"];
    private static readonly uint[] s_sizes = [1, 2, 4, 8, 16];
    private static readonly BtfIntEncoding[] s_encodings = [BtfIntEncoding.None, BtfIntEncoding.Signed, BtfIntEncoding.Char, BtfIntEncoding.Bool];

    public static Gen<BtfNodeSpec> Node { get; } =
        from kind in Gen.Choose(0, 18)
        from name in Gen.Choose(0, s_names.Length)
        from a in ArbMap.Default.GeneratorFor<uint>()
        from b in ArbMap.Default.GeneratorFor<uint>()
        from flag in ArbMap.Default.GeneratorFor<bool>()
        from refs in Gen.Choose(-1, 60).ArrayOf().Resize(6)
        from values in ArbMap.Default.GeneratorFor<long>().ArrayOf().Resize(5)
        select new BtfNodeSpec(kind, name, a, b, flag, refs, values);

    public static Arbitrary<BtfNodeSpec[]> Graphs { get; } = Node.ArrayOf().Resize(40).Where(g => g.Length > 0).ToArbitrary();

    /// <summary>Builds the graph: nodes first, then every reference patched in, so any shape is possible.</summary>
    public static List<BtfType> Build(IReadOnlyList<BtfNodeSpec> specs)
    {
        var nodes = specs.Select(Create).ToList();
        var protos = nodes.OfType<BtfFuncProto>().ToList();
        for (var i = 0; i < specs.Count; i++)
        {
            Patch(nodes[i], specs[i], nodes, protos);
        }
        return nodes;
    }

    /// <summary>Encodes the graph with every node added in list order, so node i gets id i + 1.</summary>
    public static byte[] Encode(IReadOnlyList<BtfType> nodes)
    {
        var builder = new BtfBuilder();
        foreach (var node in nodes)
        {
            builder.Add(node);
        }
        return builder.Marshal();
    }

    private static BtfType Create(BtfNodeSpec s)
    {
        var name = s_names[s.Name % s_names.Length];
        var optionalName = s.Name == s_names.Length ? null : name;
        var none = BtfVoid.Instance;
        return s.Kind switch
        {
            0 => new BtfInt(name, s_sizes[s.A % 5], s_encodings[s.B % 4], (int)((s.A >> 8) & 0xff), (int)((s.B >> 8) & 0xff)),
            1 => new BtfPointer(none),
            2 => new BtfArray(none, none, s.A),
            3 => new BtfStruct(optionalName, s.A),
            4 => new BtfUnion(optionalName, s.A),
            5 => new BtfEnum(optionalName, s_sizes[s.A % 4], s.Flag, s.Values.Select((v, i) => new BtfEnumValue(s_names[i % 3], s.Flag ? (int)v : (uint)v))),
            6 => new BtfEnum64(optionalName, s.A, s.Flag, s.Values.Select((v, i) => new BtfEnumValue(s_names[i % 3], v))),
            7 => new BtfFwd(name, s.Flag ? BtfFwdKind.Union : BtfFwdKind.Struct),
            8 => new BtfTypedef(name, none),
            9 => new BtfVolatile(none),
            10 => new BtfConst(none),
            11 => new BtfRestrict(none),
            12 => new BtfFunc(name, new BtfFuncProto(none), (BtfLinkage)(s.A % 3)),
            13 => new BtfFuncProto(none, null, s.Flag),
            14 => new BtfVar(name, none, (BtfLinkage)(s.A % 3)),
            15 => new BtfDataSec(name, s.A),
            16 => new BtfFloat(name, s.A),
            17 => new BtfDeclTag(name, none, (int)(s.A % 4) - 1, s.Flag),
            _ => new BtfTypeTag(name, none, s.Flag),
        };
    }

    private static void Patch(BtfType node, BtfNodeSpec s, List<BtfType> nodes, List<BtfFuncProto> protos)
    {
        BtfType Ref(int j) => j < s.Refs.Length && s.Refs[j] >= 0 ? nodes[s.Refs[j] % nodes.Count] : BtfVoid.Instance;
        switch (node)
        {
            case BtfPointer pointer:
                pointer.Target = Ref(0);
                break;
            case BtfArray array:
                array.Element = Ref(0);
                array.IndexType = Ref(1);
                break;
            case BtfComposite composite:
                for (var j = 0; j < s.Refs.Length; j++)
                {
                    var bitfield = s.Flag && j % 3 != 0 ? (int)((s.B >> j) & 0xff) : 0;
                    var offset = s.Flag ? (s.A + (8u * (uint)j)) & 0xffffff : unchecked(s.A + (32u * (uint)j));
                    composite.Members.Add(new BtfMember(j % 4 == 3 ? null : s_names[j], Ref(j), offset, bitfield));
                }
                break;
            case BtfTypedef typedef:
                typedef.Target = Ref(0);
                break;
            case BtfQualifier qualifier:
                qualifier.Target = Ref(0);
                break;
            case BtfFunc func when protos.Count > 0:
                func.Proto = protos[Math.Abs(s.Refs.FirstOrDefault()) % protos.Count];
                break;
            case BtfFuncProto proto:
                proto.ReturnType = Ref(0);
                for (var j = 1; j < s.Refs.Length; j++)
                {
                    if (Ref(j) is not BtfVoid)
                    {
                        proto.Parameters.Add(new BtfParameter(j % 2 == 0 ? null : s_names[j], Ref(j)));
                    }
                }
                break;
            case BtfVar variable:
                variable.Type = Ref(0);
                break;
            case BtfDataSec section:
                for (var j = 0; j < s.Refs.Length; j++)
                {
                    section.Variables.Add(new BtfVarSecInfo(Ref(j), unchecked(s.A * (uint)j), s.B));
                }
                break;
            case BtfDeclTag tag:
                tag.Target = Ref(0);
                break;
        }
    }
}
