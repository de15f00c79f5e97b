namespace BpfLinq.Compiler.Btf;

// Lazy object creation for a decoded spec. Asking for one id creates that type and everything it
// reaches (a struct's member types, a pointer's target...), but nothing else: looking up a kfunc
// in vmlinux creates a handful of objects, not 150k.
//
// Cycles are why creation has two steps. Create(id) makes a "shell": the object with its scalar
// fields (name, size, flags, enum values) and void placeholders for references. Fill(id) then
// points the references at the shells of their targets, creating those shells (and queueing them
// to be filled) as needed. The queue is an explicit worklist, so a long pointer chain cannot
// overflow the stack. Everything was validated by the decoder, so neither step can fail half-way.
// One lock guards the cache: lookups from several threads see fully filled graphs only.

/// <summary>Creates and caches the objects of one spec's own types.</summary>
internal sealed class BtfMaterializer(BtfSpec spec)
{
    private readonly BtfType?[] _types = new BtfType?[spec.TypeCount - spec.FirstTypeId];
    private readonly Dictionary<BtfType, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<int> _pending = new();
    private readonly Lock _gate = new();

    public BtfType Get(int id)
    {
        lock (_gate)
        {
            var type = Shell(id);
            while (_pending.TryDequeue(out var next))
            {
                Fill(next);
            }
            return type;
        }
    }

    public bool TryGetId(BtfType type, out int id)
    {
        lock (_gate)
        {
            return _ids.TryGetValue(type, out id);
        }
    }

    /// <summary>The shell of <paramref name="id"/>, created and queued for filling if new; other specs' ids go to their owner.</summary>
    private BtfType Shell(int id)
    {
        if (id < spec.FirstTypeId)
        {
            return spec.GetType(id);
        }
        ref var slot = ref _types[id - spec.FirstTypeId];
        if (slot is null)
        {
            slot = Create(id);
            _ids.Add(slot, id);
            _pending.Enqueue(id);
        }
        return slot;
    }

    private BtfType Create(int id)
    {
        var record = spec.Record(id);
        var name = record.NameOffset == 0 ? null : spec.Strings.Get(record.NameOffset);
        var kindFlag = record.KindFlag;
        var none = BtfVoid.Instance;
        return record.Kind switch
        {
            BtfKind.Int => new BtfInt(name!, record.SizeOrType, BtfWire.IntEncoding(record.Tail(0)), BtfWire.IntBits(record.Tail(0)), BtfWire.IntBitOffset(record.Tail(0))),
            BtfKind.Pointer => new BtfPointer(none),
            BtfKind.Array => new BtfArray(none, none, record.Tail(2)),
            BtfKind.Struct => new BtfStruct(name, record.SizeOrType),
            BtfKind.Union => new BtfUnion(name, record.SizeOrType),
            BtfKind.Enum => new BtfEnum(name, record.SizeOrType, kindFlag, EnumValues(record, kindFlag)),
            BtfKind.Enum64 => new BtfEnum64(name, record.SizeOrType, kindFlag, Enum64Values(record)),
            BtfKind.Fwd => new BtfFwd(name!, kindFlag ? BtfFwdKind.Union : BtfFwdKind.Struct),
            BtfKind.Typedef => new BtfTypedef(name!, none),
            BtfKind.Volatile => new BtfVolatile(none),
            BtfKind.Const => new BtfConst(none),
            BtfKind.Restrict => new BtfRestrict(none),
            // The prototype's shell needs nothing but itself, so creating it here recurses one level only.
            BtfKind.Func => new BtfFunc(name!, (BtfFuncProto)Shell((int)record.SizeOrType), (BtfLinkage)record.Vlen),
            BtfKind.FuncProto => new BtfFuncProto(none, null, IsVariadic(record)),
            BtfKind.Var => new BtfVar(name!, none, (BtfLinkage)record.Tail(0)),
            BtfKind.DataSec => new BtfDataSec(name!, record.SizeOrType),
            BtfKind.Float => new BtfFloat(name!, record.SizeOrType),
            BtfKind.DeclTag => new BtfDeclTag(name!, none, (int)record.Tail(0), kindFlag),
            BtfKind.TypeTag => new BtfTypeTag(name!, none, kindFlag),
            _ => throw new InvalidOperationException($"BTF type [{id}] has kind {record.Kind}, which the decoder should have rejected"),
        };
    }

    private void Fill(int id)
    {
        var record = spec.Record(id);
        switch (_types[id - spec.FirstTypeId])
        {
            case BtfPointer pointer:
                pointer.Target = Shell((int)record.SizeOrType);
                break;
            case BtfArray array:
                array.Element = Shell((int)record.Tail(0));
                array.IndexType = Shell((int)record.Tail(1));
                break;
            case BtfComposite composite:
                for (var i = 0; i < record.Vlen; i++)
                {
                    var offset = record.Entry(i, 3, 2);
                    var member = Shell((int)record.Entry(i, 3, 1));
                    composite.Members.Add(new BtfMember(Name(record.Entry(i, 3, 0)), member,
                        BtfWire.MemberBitOffset(offset, record.KindFlag), BtfWire.MemberBitfieldSize(offset, record.KindFlag)));
                }
                break;
            case BtfTypedef typedef:
                typedef.Target = Shell((int)record.SizeOrType);
                break;
            case BtfQualifier qualifier:
                qualifier.Target = Shell((int)record.SizeOrType);
                break;
            case BtfFuncProto proto:
                proto.ReturnType = Shell((int)record.SizeOrType);
                for (var i = 0; i < record.Vlen - (proto.IsVariadic ? 1 : 0); i++)
                {
                    proto.Parameters.Add(new BtfParameter(Name(record.Entry(i, 2, 0)), Shell((int)record.Entry(i, 2, 1))));
                }
                break;
            case BtfVar variable:
                variable.Type = Shell((int)record.SizeOrType);
                break;
            case BtfDataSec section:
                for (var i = 0; i < record.Vlen; i++)
                {
                    section.Variables.Add(new BtfVarSecInfo(Shell((int)record.Entry(i, 3, 0)), record.Entry(i, 3, 1), record.Entry(i, 3, 2)));
                }
                break;
            case BtfDeclTag tag:
                tag.Target = Shell((int)record.SizeOrType);
                break;
        }
    }

    private List<BtfEnumValue> EnumValues(BtfRecord record, bool signed)
    {
        var values = new List<BtfEnumValue>(record.Vlen);
        for (var i = 0; i < record.Vlen; i++)
        {
            var raw = record.Entry(i, 2, 1);
            values.Add(new BtfEnumValue(spec.Strings.Get(record.Entry(i, 2, 0)), signed ? (int)raw : raw));
        }
        return values;
    }

    private List<BtfEnumValue> Enum64Values(BtfRecord record)
    {
        var values = new List<BtfEnumValue>(record.Vlen);
        for (var i = 0; i < record.Vlen; i++)
        {
            var value = ((ulong)record.Entry(i, 3, 2) << 32) | record.Entry(i, 3, 1);
            values.Add(new BtfEnumValue(spec.Strings.Get(record.Entry(i, 3, 0)), unchecked((long)value)));
        }
        return values;
    }

    private static bool IsVariadic(BtfRecord record) =>
        record.Vlen > 0 && record.Entry(record.Vlen - 1, 2, 0) == 0 && record.Entry(record.Vlen - 1, 2, 1) == 0;

    private string? Name(uint offset) => offset == 0 ? null : spec.Strings.Get(offset);
}
