using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Btf;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>Kfunc resolution on BTF built for the test: what counts as a kfunc, ids, and the errors.</summary>
public class KfuncResolverTests
{
    [Fact]
    public void Only_FUNCs_tagged_bpf_kfunc_as_a_whole_are_kfuncs()
    {
        var (spec, _) = KfuncSamples.Decode(KfuncSamples.Base());

        var resolver = new KfuncResolver(spec);

        resolver.Names.ShouldBe(["bpf_alpha", "bpf_beta"]);
        resolver.HasKfuncTags.ShouldBeTrue();
    }

    [Fact]
    public void Without_any_kfunc_tag_any_FUNC_of_the_name_is_returned_unconfirmed()
    {
        // What a kernel built with pahole before 1.27 publishes: kfuncs are plain FUNCs.
        List<BtfType> types = [KfuncSamples.Func("bpf_alpha"), KfuncSamples.Func("plain_function")];
        var (spec, builder) = KfuncSamples.Decode(types);
        var resolver = new KfuncResolver(spec);

        var alpha = resolver.Resolve("bpf_alpha");

        resolver.HasKfuncTags.ShouldBeFalse();
        resolver.Names.ShouldBeEmpty();
        alpha.IsTagged.ShouldBeFalse();
        alpha.BtfId.ShouldBe(builder.GetId(types[0]));
        resolver.Resolve("plain_function").IsTagged.ShouldBeFalse();
        var error = Should.Throw<KfuncNotFoundException>(() => resolver.Resolve("bpf_alpah"));
        error.Message.ShouldBe("this BTF does not provide kfunc 'bpf_alpah': its BTF has no function of that name "
            + "(and marks no kfuncs, as BTF made by pahole before 1.27 does not, so no similar kfunc can be suggested)");
        error.Suggestion.ShouldBeNull();
    }

    [Fact]
    public void A_kfunc_resolves_to_its_FUNC_id_and_prototype()
    {
        var types = KfuncSamples.Base();
        var (spec, builder) = KfuncSamples.Decode(types);
        var resolver = new KfuncResolver(spec);

        var beta = resolver.Resolve("bpf_beta");

        beta.BtfId.ShouldBe(builder.GetId(types.OfType<BtfFunc>().Single(f => f.Name == "bpf_beta")));
        spec.GetName(beta.BtfId).ShouldBe("bpf_beta");
        beta.Name.ShouldBe("bpf_beta");
        beta.Module.ShouldBeNull();
        beta.IsTagged.ShouldBeTrue();
        beta.Func.ShouldBeSameAs(spec.GetType(beta.BtfId));
        beta.Proto.Parameters.Select(p => p.Name).ShouldBe(["s1__ign", "s2__ign"]);
        beta.Proto.ReturnType.Name.ShouldBe("int");
        resolver.Resolve("bpf_beta").ShouldBeSameAs(beta);
        resolver.TryResolve("bpf_alpha", out var alpha).ShouldBeTrue();
        alpha.BtfId.ShouldNotBe(beta.BtfId);
        beta.ToString().ShouldBe($"kfunc bpf_beta [{beta.BtfId}]");
    }

    [Theory]
    [InlineData("bpf_alpah", "bpf_alpha", false)]
    [InlineData("alpha", "bpf_alpha", false)]
    [InlineData("BPF_BETA", "bpf_beta", false)]
    [InlineData("bpf_betaa", "bpf_beta", false)]
    [InlineData("plain_function", null, true)]
    [InlineData("param_tagged", null, true)]
    [InlineData("fast_only", null, true)]
    [InlineData("bpf_gamma", null, false)]
    [InlineData("no_such_thing", null, false)]
    public void A_missing_kfunc_is_named_explained_and_a_close_name_suggested(string name, string? suggestion, bool isPlainFunction)
    {
        var (spec, _) = KfuncSamples.Decode(KfuncSamples.Base());
        var resolver = new KfuncResolver(spec);

        resolver.TryResolve(name, out var kfunc).ShouldBeFalse();
        kfunc.ShouldBeNull();
        var error = Should.Throw<KfuncNotFoundException>(() => resolver.Resolve(name));

        error.KfuncName.ShouldBe(name);
        error.Suggestion.ShouldBe(suggestion);
        error.Message.ShouldStartWith($"this BTF does not provide kfunc '{name}': ");
        error.Message.Contains("has a function of that name, but not one tagged bpf_kfunc", StringComparison.Ordinal).ShouldBe(isPlainFunction);
        if (suggestion is null)
        {
            error.Message.ShouldNotContain("did you mean");
        }
        else
        {
            error.Message.ShouldEndWith($"; did you mean '{suggestion}'?");
        }
    }

    [Fact]
    public void Split_BTF_finds_its_own_kfuncs_and_its_bases()
    {
        var baseTypes = KfuncSamples.Base();
        var modFunc = KfuncSamples.Func("mod_kfunc");
        var (baseBlob, splitBlob) = SplitBtf.Build(baseTypes, [modFunc, KfuncSamples.Kfunc(modFunc)]);
        var baseSpec = BtfDecoder.Decode(baseBlob);
        var split = BtfDecoder.Decode(splitBlob, baseSpec);
        var resolver = new KfuncResolver(split, "module 'm'", "m");

        resolver.Names.ShouldBe(["bpf_alpha", "bpf_beta", "mod_kfunc"]);
        var own = resolver.Resolve("mod_kfunc");
        own.Module.ShouldBe("m");
        own.BtfId.ShouldBeGreaterThanOrEqualTo(split.FirstTypeId);
        own.ToString().ShouldBe($"kfunc mod_kfunc [{own.BtfId}] in module m");
        var inherited = resolver.Resolve("bpf_alpha");
        inherited.Module.ShouldBeNull();
        inherited.BtfId.ShouldBe(new KfuncResolver(baseSpec).Resolve("bpf_alpha").BtfId);
        new KfuncResolver(baseSpec).TryResolve("mod_kfunc", out _).ShouldBeFalse();
    }

    [Fact]
    public void Concurrent_first_lookups_build_one_index_and_share_results()
    {
        var (spec, _) = KfuncSamples.Decode(KfuncSamples.Base());
        var resolver = new KfuncResolver(spec);
        var seen = new Kfunc[16];

        Parallel.For(0, seen.Length, i => seen[i] = resolver.Resolve(i % 2 == 0 ? "bpf_alpha" : "bpf_beta"));

        seen.Where((_, i) => i % 2 == 0).ShouldAllBe(k => ReferenceEquals(k, seen[0]));
        seen.Where((_, i) => i % 2 == 1).ShouldAllBe(k => ReferenceEquals(k, seen[1]));
    }
}
