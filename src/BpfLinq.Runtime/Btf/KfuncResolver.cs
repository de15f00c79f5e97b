using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Btf;

// What makes a FUNC a kfunc. Kernel code registers kfuncs in BTF_KFUNCS_START/END id sets, and
// the verifier only accepts calls to FUNCs in a set registered for the program's type. When the
// kernel is built with pahole 1.27 or later (scripts/Makefile.btf then asks for the decl_tag_kfuncs
// feature), pahole reads those sets and gives each kfunc's FUNC a DECL_TAG "bpf_kfunc" with
// component_idx -1: the only mark a kfunc has in the BTF itself (the KF_* flags stay in the kernel
// image). This machine's 6.18 carries ~200 of them. Ordinary kernel functions are FUNCs too
// (fentry/kprobe targets, the bodies of BPF helpers such as bpf_strncmp), so a name lookup alone
// would accept names the verifier then refuses with a less helpful message.
//
// A kernel built with an older pahole has no bpf_kfunc tags at all. Then nothing can be checked
// here, and the resolver does what libbpf always does: it returns the FUNC of that name, marked
// IsTagged = false, and leaves the verdict to the verifier.
//
// The index is built on the first lookup: the bpf_kfunc tags are found through the spec's name
// index and materialised with their targets (~20 ms for vmlinux), giving a name -> FUNC id map.

/// <summary>
/// Finds kfuncs by name in a kernel BTF (<see cref="KernelBtf.Kfuncs"/> for vmlinux): the BTF id a
/// <c>BPF_PSEUDO_KFUNC_CALL</c> needs and the prototype to check arguments against. The index is
/// built once, on first use; lookups after that are dictionary probes. Safe to share between threads.
/// </summary>
public sealed class KfuncResolver
{
    /// <summary>The decl tag the kernel's BTF puts on each kfunc's FUNC.</summary>
    public const string KfuncTag = "bpf_kfunc";

    private readonly string _source;
    private readonly string? _module;
    private readonly Lazy<Dictionary<string, int>> _ids;
    private readonly Lazy<IReadOnlyList<string>> _names;
    private readonly ConcurrentDictionary<string, Kfunc> _resolved = new(StringComparer.Ordinal);

    /// <summary>Resolves kfuncs in any decoded BTF, e.g. a saved copy of some kernel's vmlinux.</summary>
    /// <param name="spec">The BTF; split BTF finds its base's kfuncs too.</param>
    public KfuncResolver(BtfSpec spec)
        : this(spec, "this BTF", module: null)
    {
    }

    internal KfuncResolver(BtfSpec spec, string source, string? module)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _source = source;
        _module = module;
        _ids = new Lazy<Dictionary<string, int>>(BuildIndex, LazyThreadSafetyMode.ExecutionAndPublication);
        _names = new Lazy<IReadOnlyList<string>>(() => _ids.Value.Keys.Order(StringComparer.Ordinal).ToList().AsReadOnly(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The BTF searched.</summary>
    public BtfSpec Spec { get; }

    /// <summary>Every kfunc name this BTF marks with <see cref="KfuncTag"/>, in ordinal order (empty when <see cref="HasKfuncTags"/> is false).</summary>
    public IReadOnlyList<string> Names => _names.Value;

    /// <summary>
    /// Whether this BTF marks its kfuncs at all (pahole 1.27 or later). When it does not, lookups
    /// cannot tell kfuncs from other kernel functions and return any FUNC of the name (see <see cref="Kfunc.IsTagged"/>).
    /// </summary>
    public bool HasKfuncTags => _ids.Value.Count > 0;

    /// <summary>Finds a kfunc by name.</summary>
    /// <param name="name">The kfunc's C name, e.g. <c>bpf_strcmp</c>.</param>
    /// <param name="kfunc">The kfunc, when found.</param>
    /// <returns>
    /// True when a FUNC of that name carries the <see cref="KfuncTag"/> decl tag, or, when the BTF
    /// tags no kfunc at all, when a FUNC of that name exists.
    /// </returns>
    public bool TryResolve(string name, [NotNullWhen(true)] out Kfunc? kfunc)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_resolved.TryGetValue(name, out kfunc))
        {
            return true;
        }
        var tagged = HasKfuncTags;
        var id = 0;
        if (tagged ? !_ids.Value.TryGetValue(name, out id) : !Spec.TryFindFunc(name, out id))
        {
            return false;
        }
        var func = (BtfFunc)Spec.GetType(id);
        var module = _module is not null && id >= Spec.FirstTypeId ? _module : null;
        kfunc = _resolved.GetOrAdd(name, new Kfunc(name, id, func, module, tagged));
        return true;
    }

    /// <summary>Finds a kfunc by name, or explains why the kernel does not provide it.</summary>
    /// <param name="name">The kfunc's C name, e.g. <c>bpf_strcmp</c>.</param>
    /// <exception cref="KfuncNotFoundException">
    /// No FUNC of that name is a kfunc; the message names it, says whether the name is an ordinary
    /// kernel function instead, and suggests a kfunc with a similar name if there is one.
    /// </exception>
    public Kfunc Resolve(string name) =>
        TryResolve(name, out var kfunc) ? kfunc : throw NotFound(name);

    private KfuncNotFoundException NotFound(string name)
    {
        var suggestion = SpellingSuggestion.Closest(name, _ids.Value.Keys);
        var why = !HasKfuncTags
            ? $"its BTF has no function of that name (and marks no kfuncs, as BTF made by pahole before 1.27 does not, so no similar kfunc can be suggested)"
            : Spec.TryFindFunc(name, out _)
                ? $"it has a function of that name, but not one tagged {KfuncTag}, so BPF programs cannot call it (if it is a BPF helper, call it by helper id)"
                : $"its BTF has no function of that name tagged {KfuncTag} (it may need a newer kernel, a subsystem built in, or a module loaded)";
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        return new KfuncNotFoundException($"{_source} does not provide kfunc '{name}': {why}{hint}", name, suggestion);
    }

    private Dictionary<string, int> BuildIndex()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        // Ascending tag ids; a name tagged twice keeps its first FUNC, as the kernel's own by-name lookup would.
        foreach (var tagId in Spec.FindByName(KfuncTag, BtfKind.DeclTag))
        {
            if (Spec.GetType(tagId) is BtfDeclTag { ComponentIndex: -1, Target: BtfFunc { Name: { } name } func }
                && Spec.TryGetId(func, out var funcId))
            {
                ids.TryAdd(name, funcId);
            }
        }
        return ids;
    }
}
