namespace BpfLinq.Compiler.Btf;

/// <summary>
/// A node of a BTF type graph. Types refer to each other by object reference, never by id: ids
/// exist only in encoded BTF, assigned by <see cref="BtfBuilder"/> when it marshals a graph and
/// read back by <see cref="BtfDecoder"/>. Identity is reference identity: two equal-looking
/// objects are two types.
/// </summary>
/// <remarks>
/// <para>
/// <c>void</c> (type id 0) is the singleton <see cref="BtfVoid.Instance"/>, never <see langword="null"/>:
/// a pointer to void is <c>new BtfPointer(BtfVoid.Instance)</c>, a function without a result has
/// <see cref="BtfFuncProto.ReturnType"/> = <see cref="BtfVoid.Instance"/>.
/// </para>
/// <para>
/// References and the lists of members, parameters, values and section entries are mutable, so
/// cyclic graphs (a struct holding a pointer to itself) are built by creating the node first and
/// adding or patching its references afterwards. Kind, name and size are fixed at construction.
/// Types are not thread-safe while being mutated.
/// </para>
/// </remarks>
public abstract class BtfType
{
    private protected BtfType(string? name)
    {
        Name = BtfNames.Normalize(name);
    }

    /// <summary>The type's name; <see langword="null"/> for anonymous types (<c>'(anon)'</c> in dumps).</summary>
    public string? Name { get; }

    /// <summary>The BTF kind this type is encoded as.</summary>
    public abstract BtfKind Kind { get; }

    /// <summary>Kind and name as bpftool prints them, e.g. <c>STRUCT 'sk_buff'</c>.</summary>
    public override string ToString() => $"{BtfNames.KindName(Kind)} '{Name ?? "(anon)"}'";
}
