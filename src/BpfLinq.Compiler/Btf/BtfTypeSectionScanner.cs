namespace BpfLinq.Compiler.Btf;

// Validation runs in two passes over the type section, like the kernel's btf_check_all_metas and
// btf_check_all_types:
//   1. Scan walks the records in order, bounds-checks each against the section, checks its kind,
//      flags, vlen and string offsets, and records where it starts (one int per type: the whole
//      index that lazy decoding needs).
//   2. CheckReferences, once every id is known, checks every type id a record mentions.
// Everything the object model cannot represent is rejected here (a named pointer, a non-zero vlen
// on an INT, stray bits), because the kernel rejects it too and because it lets decoding be
// lossless: decode, re-encode and decode again gives the same graph.

/// <summary>The two validation passes of <see cref="BtfDecoder"/>.</summary>
internal static class BtfTypeSectionScanner
{
    public static int[] Scan(ReadOnlySpan<byte> types, BtfStringSection strings, int firstId)
    {
        var offsets = new List<int>(types.Length / 24);
        var position = 0;
        while (position < types.Length)
        {
            var id = firstId + offsets.Count;
            if (types.Length - position < BtfWire.TypeRecordSize)
            {
                throw Error(id, position, $"the record is truncated: {types.Length - position} bytes left, {BtfWire.TypeRecordSize} needed");
            }
            var record = new BtfRecord(types, position);
            if (!BtfWire.InfoReservedBitsClear(record.Info))
            {
                throw Error(id, position, $"info 0x{record.Info:x8} has reserved bits set");
            }
            var tail = BtfWire.TailSize(record.Kind, record.Vlen);
            if (record.Kind == BtfKind.Void || tail < 0)
            {
                throw Error(id, position, $"unknown kind {(int)record.Kind}");
            }
            if (tail > types.Length - position - BtfWire.TypeRecordSize)
            {
                throw Error(id, position, $"{BtfNames.KindName(record.Kind)} with vlen {record.Vlen} needs {tail} bytes after its header, {types.Length - position - BtfWire.TypeRecordSize} remain");
            }
            CheckRecord(record, strings, id, position);
            offsets.Add(position);
            position += BtfWire.TypeRecordSize + (int)tail;
        }
        return offsets.ToArray();
    }

    public static void CheckReferences(BtfSpec spec)
    {
        for (var id = spec.FirstTypeId; id < spec.TypeCount; id++)
        {
            var record = spec.Record(id);
            switch (record.Kind)
            {
                case BtfKind.Pointer or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
                    or BtfKind.TypeTag or BtfKind.Var or BtfKind.DeclTag:
                    Reference(spec, id, record.SizeOrType);
                    break;
                case BtfKind.Func:
                    Reference(spec, id, record.SizeOrType);
                    if (spec.GetKind((int)record.SizeOrType) != BtfKind.FuncProto)
                    {
                        throw Error(id, spec.RecordOffset(id), $"FUNC refers to type [{record.SizeOrType}], a {BtfNames.KindName(spec.GetKind((int)record.SizeOrType))}, not a FUNC_PROTO");
                    }
                    break;
                case BtfKind.FuncProto:
                    Reference(spec, id, record.SizeOrType);
                    for (var i = 0; i < record.Vlen; i++)
                    {
                        Reference(spec, id, record.Entry(i, 2, 1));
                    }
                    break;
                case BtfKind.Array:
                    Reference(spec, id, record.Tail(0));
                    Reference(spec, id, record.Tail(1));
                    break;
                case BtfKind.Struct or BtfKind.Union:
                    for (var i = 0; i < record.Vlen; i++)
                    {
                        Reference(spec, id, record.Entry(i, 3, 1));
                    }
                    break;
                case BtfKind.DataSec:
                    for (var i = 0; i < record.Vlen; i++)
                    {
                        Reference(spec, id, record.Entry(i, 3, 0));
                    }
                    break;
            }
        }
    }

    private static void CheckRecord(BtfRecord record, BtfStringSection strings, int id, int position)
    {
        var kind = record.Kind;
        var name = Name(strings, record.NameOffset, id, position);
        if (kind is BtfKind.Pointer or BtfKind.Array or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.FuncProto)
        {
            if (!name.IsEmpty)
            {
                throw Error(id, position, $"{BtfNames.KindName(kind)} must be anonymous");
            }
        }
        else if (kind is BtfKind.Int or BtfKind.Fwd or BtfKind.Typedef or BtfKind.Func or BtfKind.Var or BtfKind.DataSec
            or BtfKind.Float or BtfKind.DeclTag or BtfKind.TypeTag)
        {
            if (name.IsEmpty)
            {
                throw Error(id, position, $"{BtfNames.KindName(kind)} must have a name");
            }
        }
        if (record.KindFlag && kind is not (BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Fwd
            or BtfKind.DeclTag or BtfKind.TypeTag))
        {
            throw Error(id, position, $"kind_flag is set, but {BtfNames.KindName(kind)} has none");
        }
        var hasVlen = kind is BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64 or BtfKind.FuncProto
            or BtfKind.DataSec or BtfKind.Func;
        if (!hasVlen && record.Vlen != 0)
        {
            throw Error(id, position, $"vlen is {record.Vlen}, but {BtfNames.KindName(kind)} has none");
        }
        if (kind is BtfKind.Array or BtfKind.Fwd && record.SizeOrType != 0)
        {
            throw Error(id, position, $"the size/type field of {BtfNames.KindName(kind)} must be 0, is {record.SizeOrType}");
        }
        switch (kind)
        {
            case BtfKind.Int:
                var data = record.Tail(0);
                if (!BtfWire.IntReservedBitsClear(data))
                {
                    throw Error(id, position, $"INT data 0x{data:x8} has reserved bits set");
                }
                if (BtfWire.IntEncoding(data) is not (BtfIntEncoding.None or BtfIntEncoding.Signed or BtfIntEncoding.Char or BtfIntEncoding.Bool))
                {
                    throw Error(id, position, $"INT encoding {(int)BtfWire.IntEncoding(data)} is not one of SIGNED, CHAR, BOOL");
                }
                break;
            case BtfKind.Func when record.Vlen > (int)BtfLinkage.Extern:
                throw Error(id, position, $"FUNC linkage {record.Vlen} is not static, global or extern");
            case BtfKind.Var when record.Tail(0) > (uint)BtfLinkage.Extern:
                throw Error(id, position, $"VAR linkage {record.Tail(0)} is not static, global or extern");
            case BtfKind.DeclTag when (int)record.Tail(0) < -1:
                throw Error(id, position, $"DECL_TAG component_idx {(int)record.Tail(0)} is below -1");
            case BtfKind.Struct or BtfKind.Union:
                EntryNames(record, strings, id, position, 3);
                break;
            case BtfKind.Enum or BtfKind.Enum64:
                EntryNames(record, strings, id, position, kind == BtfKind.Enum ? 2 : 3);
                break;
            case BtfKind.FuncProto:
                EntryNames(record, strings, id, position, 2);
                for (var i = 0; i < record.Vlen; i++)
                {
                    var variadic = i == record.Vlen - 1 && record.Entry(i, 2, 0) == 0;
                    if (record.Entry(i, 2, 1) == 0 && !variadic)
                    {
                        throw Error(id, position, $"FUNC_PROTO parameter {i} is void; only an unnamed last parameter may be (variadic)");
                    }
                }
                break;
        }
    }

    private static void EntryNames(BtfRecord record, BtfStringSection strings, int id, int position, int entryWords)
    {
        for (var i = 0; i < record.Vlen; i++)
        {
            Name(strings, record.Entry(i, entryWords, 0), id, position);
        }
    }

    private static ReadOnlySpan<byte> Name(BtfStringSection strings, uint offset, int id, int position) =>
        strings.Contains(offset)
            ? strings.Bytes(offset)
            : throw Error(id, position, $"string offset {offset} is outside the {strings.Length}-byte string section");

    private static void Reference(BtfSpec spec, int id, uint target)
    {
        if (target >= (uint)spec.TypeCount)
        {
            throw Error(id, spec.RecordOffset(id), $"refers to type [{target}], but the last type is [{spec.TypeCount - 1}]");
        }
    }

    private static BtfFormatException Error(int id, int position, string problem) =>
        new($"BTF type [{id}] at type-section offset {position}: {problem}");
}
