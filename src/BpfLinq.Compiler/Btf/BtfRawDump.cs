using System.Globalization;
using System.Text;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Prints decoded BTF in the format of <c>bpftool btf dump file FILE</c> (its default "raw" format),
/// character for character, so a dump can be diffed against bpftool's:
/// <code>
/// [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
/// [2] PTR '(anon)' type_id=1
/// [3] STRUCT 'pair' size=8 vlen=2
///         'a' type_id=1 bits_offset=0
///         'b' type_id=1 bits_offset=32
/// </code>
/// (member lines start with a tab). Works from the raw records, so it prints exactly what was
/// encoded, and never creates type objects. For split BTF only the spec's own types are printed,
/// as bpftool does.
/// </summary>
public static class BtfRawDump
{
    /// <summary>Writes every type of <paramref name="spec"/>, one line per type plus one per member, parameter or value.</summary>
    public static void Write(BtfSpec spec, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(writer);
        var text = new StringBuilder();
        for (var id = spec.FirstTypeId; id < spec.TypeCount; id++)
        {
            text.Clear();
            Append(text, spec, id);
            text.Append('\n');
            writer.Write(text);
        }
    }

    /// <summary>The dump of every type, each line ending in <c>\n</c>.</summary>
    public static string Format(BtfSpec spec)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(spec, writer);
        return writer.ToString();
    }

    /// <summary>The dump of one type (without a final newline), e.g. <c>[2] PTR '(anon)' type_id=1</c>.</summary>
    public static string Format(BtfSpec spec, int id)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(id, spec.FirstTypeId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, spec.TypeCount);
        var text = new StringBuilder();
        Append(text, spec, id);
        return text.ToString();
    }

    private static void Append(StringBuilder text, BtfSpec spec, int id)
    {
        var inv = CultureInfo.InvariantCulture;
        var record = spec.Record(id);
        var kind = record.Kind;
        text.Append(inv, $"[{id}] {BtfNames.KindName(kind)} '{Name(spec, record.NameOffset)}'");
        switch (kind)
        {
            case BtfKind.Int:
                var data = record.Tail(0);
                text.Append(inv, $" size={record.SizeOrType} bits_offset={BtfWire.IntBitOffset(data)} nr_bits={BtfWire.IntBits(data)} encoding={IntEncoding(BtfWire.IntEncoding(data))}");
                break;
            case BtfKind.Pointer or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.Typedef or BtfKind.TypeTag:
                text.Append(inv, $" type_id={record.SizeOrType}");
                break;
            case BtfKind.Array:
                text.Append(inv, $" type_id={record.Tail(0)} index_type_id={record.Tail(1)} nr_elems={record.Tail(2)}");
                break;
            case BtfKind.Struct or BtfKind.Union:
                text.Append(inv, $" size={record.SizeOrType} vlen={record.Vlen}");
                for (var i = 0; i < record.Vlen; i++)
                {
                    var offset = record.Entry(i, 3, 2);
                    text.Append(inv, $"\n\t'{Name(spec, record.Entry(i, 3, 0))}' type_id={record.Entry(i, 3, 1)} bits_offset={BtfWire.MemberBitOffset(offset, record.KindFlag)}");
                    var bitfield = BtfWire.MemberBitfieldSize(offset, record.KindFlag);
                    if (bitfield != 0)
                    {
                        text.Append(inv, $" bitfield_size={bitfield}");
                    }
                }
                break;
            case BtfKind.Enum:
                text.Append(inv, $" encoding={(record.KindFlag ? "SIGNED" : "UNSIGNED")} size={record.SizeOrType} vlen={record.Vlen}");
                for (var i = 0; i < record.Vlen; i++)
                {
                    var raw = record.Entry(i, 2, 1);
                    var value = record.KindFlag ? (long)(int)raw : raw;
                    text.Append(inv, $"\n\t'{Name(spec, record.Entry(i, 2, 0))}' val={value}");
                }
                break;
            case BtfKind.Enum64:
                text.Append(inv, $" encoding={(record.KindFlag ? "SIGNED" : "UNSIGNED")} size={record.SizeOrType} vlen={record.Vlen}");
                for (var i = 0; i < record.Vlen; i++)
                {
                    var value = ((ulong)record.Entry(i, 3, 2) << 32) | record.Entry(i, 3, 1);
                    var shown = record.KindFlag ? $"{unchecked((long)value)}LL" : $"{value}ULL";
                    text.Append(inv, $"\n\t'{Name(spec, record.Entry(i, 3, 0))}' val={shown}");
                }
                break;
            case BtfKind.Fwd:
                text.Append(record.KindFlag ? " fwd_kind=union" : " fwd_kind=struct");
                break;
            case BtfKind.Func:
                text.Append(inv, $" type_id={record.SizeOrType} linkage={Linkage((uint)record.Vlen)}");
                break;
            case BtfKind.FuncProto:
                text.Append(inv, $" ret_type_id={record.SizeOrType} vlen={record.Vlen}");
                for (var i = 0; i < record.Vlen; i++)
                {
                    text.Append(inv, $"\n\t'{Name(spec, record.Entry(i, 2, 0))}' type_id={record.Entry(i, 2, 1)}");
                }
                break;
            case BtfKind.Var:
                text.Append(inv, $" type_id={record.SizeOrType}, linkage={Linkage(record.Tail(0))}");
                break;
            case BtfKind.DataSec:
                text.Append(inv, $" size={record.SizeOrType} vlen={record.Vlen}");
                for (var i = 0; i < record.Vlen; i++)
                {
                    var target = (int)record.Entry(i, 3, 0);
                    text.Append(inv, $"\n\ttype_id={target} offset={record.Entry(i, 3, 1)} size={record.Entry(i, 3, 2)}");
                    text.Append(inv, $" ({BtfNames.KindName(spec.GetKind(target))} '{Name(spec, spec.NameOffsetOf(target))}')");
                }
                break;
            case BtfKind.Float:
                text.Append(inv, $" size={record.SizeOrType}");
                break;
            case BtfKind.DeclTag:
                text.Append(inv, $" type_id={record.SizeOrType} component_idx={(int)record.Tail(0)}");
                break;
        }
    }

    private static string Name(BtfSpec spec, uint offset) => offset == 0 ? "(anon)" : spec.Strings.Get(offset);


    private static string IntEncoding(BtfIntEncoding encoding) => encoding switch
    {
        BtfIntEncoding.None => "(none)",
        BtfIntEncoding.Signed => "SIGNED",
        BtfIntEncoding.Char => "CHAR",
        BtfIntEncoding.Bool => "BOOL",
        _ => "UNKN",
    };

    private static string Linkage(uint linkage) => linkage switch
    {
        0 => "static",
        1 => "global",
        2 => "extern",
        _ => "(unknown)",
    };
}
