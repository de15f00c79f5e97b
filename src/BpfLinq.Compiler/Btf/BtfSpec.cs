using System.Diagnostics.CodeAnalysis;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Decoded BTF (made by <see cref="BtfDecoder"/>): types by id, names by id, the string table, and
/// lookups by name. Built for vmlinux (~150k types): decoding keeps the raw bytes and one offset per
/// type; the kind and name of any id are read from the bytes directly; <see cref="GetType(int)"/>
/// creates objects only for the requested type and what it reaches, once, and caches them; the name
/// index is built on the first lookup (tens of milliseconds for vmlinux) and every lookup after that
/// is a dictionary probe. Safe to share between threads.
/// </summary>
/// <remarks>
/// Objects returned by <see cref="GetType(int)"/> are shared by every caller of this spec: treat
/// them as read-only.
/// </remarks>
public sealed class BtfSpec
{
    private readonly ReadOnlyMemory<byte> _types;
    private readonly int[] _offsets;
    private readonly Lazy<BtfNameIndex> _index;
    private readonly BtfMaterializer _materializer;

    internal BtfSpec(ReadOnlyMemory<byte> types, int[] offsets, BtfStringSection strings, BtfSpec? baseSpec)
    {
        _types = types;
        _offsets = offsets;
        Strings = strings;
        Base = baseSpec;
        FirstTypeId = baseSpec?.TypeCount ?? 1;
        TypeCount = FirstTypeId + offsets.Length;
        _index = new Lazy<BtfNameIndex>(() => new BtfNameIndex(this), LazyThreadSafetyMode.ExecutionAndPublication);
        _materializer = new BtfMaterializer(this);
    }

    /// <summary>The base this split BTF extends, or null for standalone BTF.</summary>
    public BtfSpec? Base { get; }

    /// <summary>The first id this spec's own records have: 1, or the base's <see cref="TypeCount"/> for split BTF.</summary>
    public int FirstTypeId { get; }

    /// <summary>One more than the largest valid id (void and any base included), as libbpf's <c>btf__type_cnt</c>.</summary>
    public int TypeCount { get; }

    /// <summary>Size of the string table in bytes (the base's included, for split BTF).</summary>
    public long StringsLength => Strings.Length;

    internal BtfStringSection Strings { get; }

    /// <summary>The string at <paramref name="offset"/> in the string table (read up to its NUL).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is outside the string table.</exception>
    public string GetString(uint offset)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Strings.Length);
        return Strings.Get(offset);
    }

    /// <summary>The kind of type <paramref name="id"/>, read without creating an object (void for id 0).</summary>
    public BtfKind GetKind(int id) => id == 0 ? BtfKind.Void : Owner(id).Record(id).Kind;

    /// <summary>The name of type <paramref name="id"/>, or null when anonymous, read without creating an object.</summary>
    public string? GetName(int id)
    {
        if (id == 0)
        {
            return null;
        }
        var offset = NameOffsetOf(id);
        return offset == 0 || Strings.IsEmpty(offset) ? null : Strings.Get(offset);
    }

    /// <summary>
    /// The type with id <paramref name="id"/> as an object graph (<see cref="BtfVoid.Instance"/> for 0).
    /// The first call for a type creates it and every type it reaches; later calls return the same objects.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    public BtfType GetType(int id)
    {
        if (id == 0)
        {
            return BtfVoid.Instance;
        }
        var owner = Owner(id);
        return owner == this ? _materializer.Get(id) : owner.GetType(id);
    }

    /// <summary>The id of a type object this spec (or its base) created.</summary>
    public bool TryGetId(BtfType type, out int id)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is BtfVoid)
        {
            id = 0;
            return true;
        }
        return _materializer.TryGetId(type, out id) || (Base?.TryGetId(type, out id) ?? false);
    }

    /// <summary>Finds the lowest-numbered type of a kind by name, e.g. a kfunc: <c>TryFind("bpf_strcmp", BtfKind.Func, out id)</c>.</summary>
    /// <returns>True when a type of that kind has that name (in the base, for split BTF, or in this spec).</returns>
    public bool TryFind(string name, BtfKind kind, out int id)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Base is not null && Base.TryFind(name, kind, out id))
        {
            return true;
        }
        return _index.Value.TryFind(name, kind, out id);
    }

    /// <summary>Finds a FUNC by name (kfuncs, kernel functions for fentry/kprobe attach); see <see cref="TryFind"/>.</summary>
    public bool TryFindFunc(string name, out int id) => TryFind(name, BtfKind.Func, out id);

    /// <summary>Every id of a type of <paramref name="kind"/> named <paramref name="name"/>, ascending (static functions can repeat).</summary>
    public IReadOnlyList<int> FindByName(string name, BtfKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ids = new List<int>();
        Base?.CollectByName(name, kind, ids);
        CollectByName(name, kind, ids);
        return ids;
    }

    /// <summary>Every id of a type of any kind named <paramref name="name"/>, ascending.</summary>
    public IReadOnlyList<int> FindByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ids = new List<int>();
        for (var kind = BtfKind.Int; kind <= BtfKind.Enum64; kind++)
        {
            Base?.CollectByName(name, kind, ids);
            CollectByName(name, kind, ids);
        }
        ids.Sort();
        return ids;
    }

    /// <summary>
    /// The lowest-numbered type of <paramref name="kind"/> named <paramref name="name"/>, as an object
    /// of the expected class: <c>spec.TryFindType&lt;BtfUnion&gt;("bpf_attr", BtfKind.Union, out var attr)</c>.
    /// </summary>
    public bool TryFindType<T>(string name, BtfKind kind, [NotNullWhen(true)] out T? type)
        where T : BtfType
    {
        type = TryFind(name, kind, out var id) ? GetType(id) as T : null;
        return type is not null;
    }

    internal BtfRecord Record(int id) => new(_types.Span, _offsets[id - FirstTypeId]);

    internal int RecordOffset(int id) => _offsets[id - FirstTypeId];

    /// <summary>The name offset of any id, this spec's or its base's (0 for void).</summary>
    internal uint NameOffsetOf(int id) => id == 0 ? 0 : Owner(id).Record(id).NameOffset;

    private void CollectByName(string name, BtfKind kind, List<int> ids) => _index.Value.Collect(name, kind, ids);

    private BtfSpec Owner(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, TypeCount);
        return id >= FirstTypeId ? this : Base!.Owner(id);
    }
}
