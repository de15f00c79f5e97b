using BpfLinq.Compiler.Btf;

namespace BpfLinq.Compiler.Tests.Btf;

/// <summary>
/// One small graph per BTF kind and flavour (the table the round-trip theories run over), and
/// <see cref="RichGraph"/>, all of them at once. Every sample is BTF the kernel accepts: names are
/// identifiers, type tags sit under pointers, decl tags index existing members and parameters,
/// DATASEC entries are VARs in offset order.
/// </summary>
internal static class BtfSamples
{
    private static readonly BtfInt s_int = new("int", 4, BtfIntEncoding.Signed);
    private static readonly BtfInt s_u32 = new("unsigned int", 4, BtfIntEncoding.None);

    public static readonly IReadOnlyDictionary<string, Func<BtfType>> Cases = new Dictionary<string, Func<BtfType>>
    {
        ["int signed"] = () => new BtfInt("int", 4, BtfIntEncoding.Signed),
        ["int unsigned 64"] = () => new BtfInt("long long unsigned int", 8, BtfIntEncoding.None),
        ["int char"] = () => new BtfInt("char", 1, BtfIntEncoding.Char),
        ["int bool"] = () => new BtfInt("_Bool", 1, BtfIntEncoding.Bool),
        ["int 128"] = () => new BtfInt("__int128", 16, BtfIntEncoding.Signed),
        ["int partial bits"] = () => new BtfInt("u3", 1, BtfIntEncoding.None, 3, 2),
        ["pointer to void"] = () => new BtfPointer(BtfVoid.Instance),
        ["pointer to int"] = () => new BtfPointer(s_int),
        ["array"] = () => new BtfArray(s_u32, s_int, 16),
        ["array of arrays"] = () => new BtfArray(new BtfArray(s_int, s_int, 3), s_int, 4),
        ["struct"] = () => new BtfStruct("pair", 8, [new("a", s_int, 0), new("b", s_u32, 32)]),
        ["struct anonymous"] = () => new BtfStruct(null, 4, [new("x", s_int, 0)]),
        ["struct with bitfields"] = () => new BtfStruct("flags", 4,
            [new("lo", s_u32, 0, 3), new("mid", s_u32, 3, 5), new("hi", s_u32, 8, 24)]),
        ["struct self-referential"] = SelfReferential,
        ["union with anonymous struct"] = () => new BtfUnion("attr", 8,
            [new(null, new BtfStruct(null, 8, [new("fd", s_u32, 0), new("flags", s_u32, 32)]), 0), new("raw", s_int, 0)]),
        ["enum unsigned"] = () => new BtfEnum("color", 4, false, [new("RED", 0), new("BLUE", uint.MaxValue)]),
        ["enum signed"] = () => new BtfEnum("delta", 4, true, [new("DOWN", int.MinValue), new("UP", 1)]),
        ["enum small"] = () => new BtfEnum(null, 1, false, [new("ONE", 1)]),
        ["enum64 unsigned"] = () => new BtfEnum64("big", 8, false, [new("HUGE", unchecked((long)ulong.MaxValue)), new("SMALL", 5)]),
        ["enum64 signed"] = () => new BtfEnum64("sbig", 8, true, [new("MIN", long.MinValue), new("MAX", long.MaxValue)]),
        ["fwd struct"] = () => new BtfFwd("sock", BtfFwdKind.Struct),
        ["fwd union"] = () => new BtfFwd("any", BtfFwdKind.Union),
        ["typedef"] = () => new BtfTypedef("u32", s_u32),
        ["const volatile restrict"] = () => new BtfPointer(new BtfConst(new BtfVolatile(new BtfRestrict(new BtfPointer(s_int))))),
        ["func static"] = () => new BtfFunc("add", new BtfFuncProto(s_int, [new("a", s_int), new("b", s_int)])),
        ["func global"] = () => new BtfFunc("filter", new BtfFuncProto(s_u32, [new("ctx", new BtfPointer(BtfVoid.Instance))]), BtfLinkage.Global),
        ["func returning void"] = () => new BtfFunc("noop", new BtfFuncProto(BtfVoid.Instance)),
        ["func proto variadic"] = () => new BtfPointer(new BtfFuncProto(s_int, [new("fmt", new BtfPointer(s_int))], isVariadic: true)),
        ["func proto unnamed parameters"] = () => new BtfPointer(new BtfFuncProto(s_int, [new(null, s_int), new(null, s_u32)])),
        ["var and datasec"] = DataSection,
        ["float"] = () => new BtfFloat("double", 8),
        ["decl tag on struct"] = () => new BtfDeclTag("user", new BtfStruct("tagged", 4, [new("v", s_int, 0)])),
        ["decl tag on member"] = () => new BtfDeclTag("rcu", new BtfStruct("tagged2", 8, [new("v", s_int, 0), new("w", s_int, 32)]), 1),
        ["decl tag on parameter"] = () => new BtfDeclTag("nonnull", new BtfFunc("tagged_func", new BtfFuncProto(s_int, [new("p", new BtfPointer(s_int))])), 0),
        ["decl tag attribute"] = () => new BtfDeclTag("aligned", new BtfStruct("attributed", 4, [new("v", s_int, 0)]), -1, isAttribute: true),
        ["type tag"] = () => new BtfPointer(new BtfTypeTag("rcu", s_int)),
        ["type tag attribute"] = () => new BtfPointer(new BtfTypeTag("address_space(1)", s_int, isAttribute: true)),
        ["typedef cycle through pointer"] = TypedefCycle,
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>Every sample in one graph.</summary>
    public static List<BtfType> RichGraph() => Cases.Values.Select(make => make()).ToList();

    private static BtfStruct SelfReferential()
    {
        var node = new BtfStruct("list_node", 16);
        node.Members.Add(new BtfMember("next", new BtfPointer(node), 0));
        node.Members.Add(new BtfMember("prev", new BtfPointer(node), 64));
        return node;
    }

    private static BtfTypedef TypedefCycle()
    {
        var typedef = new BtfTypedef("node_ptr", BtfVoid.Instance);
        var node = new BtfStruct("tnode", 8, [new("next", typedef, 0)]);
        typedef.Target = new BtfPointer(node);
        return typedef;
    }

    private static BtfDataSec DataSection() => new(".data", 12,
    [
        new(new BtfVar("counter", s_u32, BtfLinkage.Global), 0, 4),
        new(new BtfVar("limit", new BtfConst(s_int), BtfLinkage.Static), 4, 4),
        new(new BtfVar("pair", new BtfArray(s_int, s_int, 1), BtfLinkage.Global), 8, 4),
    ]);
}
