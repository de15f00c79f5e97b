using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// Small BTF shaped like the kernel's around kfuncs: FUNCs tagged <c>bpf_kfunc</c> (the kfuncs) next
/// to FUNCs that are not kfuncs (untagged, tagged on a parameter only, tagged with another tag) and
/// a struct tagged <c>bpf_kfunc</c>, which is not a function at all.
/// </summary>
internal static class KfuncSamples
{
    private static readonly BtfInt s_int = new("int", 4, BtfIntEncoding.Signed);
    private static readonly BtfPointer s_string = new(new BtfConst(new BtfInt("char", 1, BtfIntEncoding.None)));

    public static BtfFunc Func(string name) =>
        new(name, new BtfFuncProto(s_int, [new("s1__ign", s_string), new("s2__ign", s_string)]));

    public static BtfDeclTag Kfunc(BtfFunc func) => new(KfuncTagName, func);

    public const string KfuncTagName = "bpf_kfunc";

    /// <summary>The base graph: kfuncs bpf_alpha and bpf_beta and the look-alikes that are not kfuncs.</summary>
    public static List<BtfType> Base()
    {
        var alpha = Func("bpf_alpha");
        var beta = Func("bpf_beta");
        var paramTagged = Func("param_tagged");
        var fastOnly = Func("fast_only");
        return
        [
            alpha, Kfunc(alpha),
            Func("plain_function"),
            beta, Kfunc(beta),
            paramTagged, new BtfDeclTag(KfuncTagName, paramTagged, componentIndex: 0),
            fastOnly, new BtfDeclTag("bpf_fastcall", fastOnly),
            new BtfDeclTag(KfuncTagName, new BtfStruct("bpf_gamma", 4, [new("x", s_int, 0)])),
        ];
    }

    /// <summary>Builds and decodes <paramref name="types"/> (added in order, so the first gets id 1).</summary>
    public static (BtfSpec Spec, BtfBuilder Builder) Decode(IEnumerable<BtfType> types)
    {
        var builder = new BtfBuilder();
        foreach (var type in types)
        {
            builder.Add(type);
        }
        return (BtfDecoder.Decode(builder.Marshal()), builder);
    }
}
