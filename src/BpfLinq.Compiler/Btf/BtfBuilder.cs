using System.Buffers;
using System.Buffers.Binary;

namespace BpfLinq.Compiler.Btf;

// Numbering. Ids are handed out in two waves, both append-only, so an id never changes once given:
//   1. Add(type) numbers the type itself, in call order: the first Add returns 1.
//   2. Marshal() numbers every type reachable from a numbered one that has no id yet, walking the
//      numbered types in id order and each one's references in field order (breadth-first). The
//      walk is a loop over a growing list, not recursion, so a long chain of pointers cannot
//      overflow the stack, and cycles end because numbered types are not revisited.
// Adding every type of a decoded spec in id order therefore reproduces its ids exactly.
// Determinism: no hashing order reaches the output; the id dictionary is only ever probed.

/// <summary>
/// Encodes a BTF type graph into the raw format that <c>BPF_BTF_LOAD</c> takes (header, type
/// section, string section; little-endian). Types are numbered when added; types they refer to are
/// numbered when the graph is marshalled. The same sequence of calls always produces the same bytes.
/// </summary>
/// <example>
/// <code>
/// var builder = new BtfBuilder();
/// var u32 = new BtfInt("unsigned int", 4, BtfIntEncoding.None);
/// var main = new BtfFunc("filter", new BtfFuncProto(u32, [new BtfParameter("skb", new BtfPointer(BtfVoid.Instance))]));
/// int funcId = builder.Add(main);          // 1: goes into func_info
/// byte[] btf = builder.Marshal();          // prototype, pointer and int get ids 2, 3, 4
/// </code>
/// </example>
public sealed class BtfBuilder
{
    private readonly List<BtfType> _types = [];
    private readonly Dictionary<BtfType, int> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The string table the BTF will carry. Add strings here (source file names and lines for
    /// line_info) before or after adding types; their offsets stay valid.
    /// </summary>
    public BtfStringTable Strings { get; } = new();

    /// <summary>Number of types numbered so far (void, id 0, not counted).</summary>
    public int Count => _types.Count;

    /// <summary>
    /// Numbers <paramref name="type"/> if it has no id yet and returns its id. The types it refers
    /// to are numbered later, by <see cref="Marshal"/>, unless added themselves first.
    /// </summary>
    /// <returns>The type's id; 0 for <see cref="BtfVoid.Instance"/>.</returns>
    public int Add(BtfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is BtfVoid)
        {
            return 0;
        }
        if (_ids.TryGetValue(type, out var id))
        {
            return id;
        }
        if (_types.Count >= BtfWire.MaxTypeId)
        {
            throw new InvalidOperationException($"BTF holds at most {BtfWire.MaxTypeId} types");
        }
        _types.Add(type);
        id = _types.Count;
        _ids.Add(type, id);
        return id;
    }

    /// <summary>The id of a type numbered by <see cref="Add"/> or by <see cref="Marshal"/>.</summary>
    public bool TryGetId(BtfType type, out int id)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is BtfVoid)
        {
            id = 0;
            return true;
        }
        return _ids.TryGetValue(type, out id);
    }

    /// <summary>Like <see cref="TryGetId"/>, but throws for a type without an id.</summary>
    /// <exception cref="KeyNotFoundException">The type was neither added nor reached by a marshalled graph.</exception>
    public int GetId(BtfType type) =>
        TryGetId(type, out var id) ? id : throw new KeyNotFoundException($"{type} has no id: add it, or marshal a graph that reaches it");

    /// <summary>The type with id <paramref name="id"/> (1..<see cref="Count"/>; 0 is void).</summary>
    public BtfType GetType(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, _types.Count);
        return id == 0 ? BtfVoid.Instance : _types[id - 1];
    }

    /// <summary>
    /// Numbers every type reachable from the numbered ones and encodes them all, in id order, as raw
    /// BTF: a 24-byte <c>btf_header</c> (magic 0xeB9F, version 1), the type section, the string section.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A type cannot be encoded (a list longer than 65535 entries, an enum value that does not fit, a
    /// bitfield offset beyond 24 bits, a void parameter, too many types); the message names the type.
    /// </exception>
    public byte[] Marshal()
    {
        NumberReachableTypes();
        var types = new ArrayBufferWriter<byte>(_types.Count * 24);
        var writer = new BtfTypeWriter(types, Strings, _ids);
        for (var i = 0; i < _types.Count; i++)
        {
            writer.Write(_types[i], i + 1);
        }
        var strings = Strings.AsSpan();
        var blob = new byte[BtfWire.HeaderSize + types.WrittenCount + strings.Length];
        var header = blob.AsSpan(0, BtfWire.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header, BtfWire.Magic);
        header[2] = BtfWire.Version;
        header[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], BtfWire.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)types.WrittenCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)types.WrittenCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)strings.Length);
        types.WrittenSpan.CopyTo(blob.AsSpan(BtfWire.HeaderSize));
        strings.CopyTo(blob.AsSpan(BtfWire.HeaderSize + types.WrittenCount));
        return blob;
    }

    private void NumberReachableTypes()
    {
        for (var i = 0; i < _types.Count; i++)
        {
            switch (_types[i])
            {
                case BtfPointer pointer:
                    Add(pointer.Target);
                    break;
                case BtfArray array:
                    Add(array.Element);
                    Add(array.IndexType);
                    break;
                case BtfComposite composite:
                    foreach (var member in composite.Members)
                    {
                        Add(member.Type);
                    }
                    break;
                case BtfTypedef typedef:
                    Add(typedef.Target);
                    break;
                case BtfQualifier qualifier:
                    Add(qualifier.Target);
                    break;
                case BtfFunc func:
                    Add(func.Proto);
                    break;
                case BtfFuncProto proto:
                    Add(proto.ReturnType);
                    foreach (var parameter in proto.Parameters)
                    {
                        Add(parameter.Type);
                    }
                    break;
                case BtfVar variable:
                    Add(variable.Type);
                    break;
                case BtfDataSec section:
                    foreach (var entry in section.Variables)
                    {
                        Add(entry.Type);
                    }
                    break;
                case BtfDeclTag tag:
                    Add(tag.Target);
                    break;
            }
        }
    }
}
