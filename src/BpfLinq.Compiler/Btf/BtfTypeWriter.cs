using System.Buffers;
using System.Buffers.Binary;

namespace BpfLinq.Compiler.Btf;

/// <summary>Writes one numbered type as a raw record (see <see cref="BtfWire"/> for the layout).</summary>
internal sealed class BtfTypeWriter(IBufferWriter<byte> output, BtfStringTable strings, Dictionary<BtfType, int> ids)
{
    public void Write(BtfType type, int id)
    {
        var name = strings.Add(type.Name);
        switch (type)
        {
            case BtfInt integer:
                Header(name, BtfKind.Int, 0, false, integer.Size);
                U32(BtfWire.IntData(integer.Encoding, integer.BitOffset, integer.Bits));
                break;
            case BtfPointer pointer:
                Header(name, BtfKind.Pointer, 0, false, Id(pointer.Target));
                break;
            case BtfArray array:
                Header(name, BtfKind.Array, 0, false, 0);
                U32(Id(array.Element));
                U32(Id(array.IndexType));
                U32(array.Count);
                break;
            case BtfComposite composite:
                WriteComposite(composite, id, name);
                break;
            case BtfEnum enumeration:
                Header(name, BtfKind.Enum, Vlen(enumeration.Values.Count, type, id), enumeration.IsSigned, enumeration.Size);
                foreach (var value in enumeration.Values)
                {
                    var fits = enumeration.IsSigned ? value.Value is >= int.MinValue and <= int.MaxValue : value.Value is >= 0 and <= uint.MaxValue;
                    if (!fits)
                    {
                        throw Invalid(type, id, $"value {value.Name} = {value.Value} does not fit a {(enumeration.IsSigned ? "signed" : "unsigned")} 32-bit ENUM; use BtfEnum64");
                    }
                    U32(strings.Add(value.Name));
                    U32(unchecked((uint)value.Value));
                }
                break;
            case BtfEnum64 enumeration:
                Header(name, BtfKind.Enum64, Vlen(enumeration.Values.Count, type, id), enumeration.IsSigned, enumeration.Size);
                foreach (var value in enumeration.Values)
                {
                    U32(strings.Add(value.Name));
                    U32(unchecked((uint)value.Value));
                    U32(unchecked((uint)((ulong)value.Value >> 32)));
                }
                break;
            case BtfFwd fwd:
                Header(name, BtfKind.Fwd, 0, fwd.FwdKind == BtfFwdKind.Union, 0);
                break;
            case BtfTypedef typedef:
                Header(name, BtfKind.Typedef, 0, false, Id(typedef.Target));
                break;
            case BtfTypeTag tag:
                Header(name, BtfKind.TypeTag, 0, tag.IsAttribute, Id(tag.Target));
                break;
            case BtfQualifier qualifier:
                Header(name, qualifier.Kind, 0, false, Id(qualifier.Target));
                break;
            case BtfFunc func:
                Header(name, BtfKind.Func, (int)func.Linkage, false, Id(func.Proto));
                break;
            case BtfFuncProto proto:
                WriteProto(proto, id, name);
                break;
            case BtfVar variable:
                Header(name, BtfKind.Var, 0, false, Id(variable.Type));
                U32((uint)variable.Linkage);
                break;
            case BtfDataSec section:
                Header(name, BtfKind.DataSec, Vlen(section.Variables.Count, type, id), false, section.Size);
                foreach (var entry in section.Variables)
                {
                    U32(Id(entry.Type));
                    U32(entry.Offset);
                    U32(entry.Size);
                }
                break;
            case BtfFloat floating:
                Header(name, BtfKind.Float, 0, false, floating.Size);
                break;
            case BtfDeclTag tag:
                Header(name, BtfKind.DeclTag, 0, tag.IsAttribute, Id(tag.Target));
                U32(unchecked((uint)tag.ComponentIndex));
                break;
            default:
                throw Invalid(type, id, $"{type.GetType().Name} is not a BTF type this encoder knows");
        }
    }

    private void WriteComposite(BtfComposite composite, int id, uint name)
    {
        var kindFlag = false;
        foreach (var member in composite.Members)
        {
            kindFlag |= member.BitfieldSize != 0;
        }
        Header(name, composite.Kind, Vlen(composite.Members.Count, composite, id), kindFlag, composite.Size);
        foreach (var member in composite.Members)
        {
            if (kindFlag && member.BitOffset > BtfWire.MaxKindFlagBitOffset)
            {
                throw Invalid(composite, id, $"member '{member.Name ?? "(anon)"}' is at bit {member.BitOffset}, beyond the 24 bits a struct with bitfields can encode");
            }
            U32(strings.Add(member.Name));
            U32(Id(member.Type));
            U32(BtfWire.MemberOffset(member.BitOffset, member.BitfieldSize, kindFlag));
        }
    }

    private void WriteProto(BtfFuncProto proto, int id, uint name)
    {
        var count = proto.Parameters.Count + (proto.IsVariadic ? 1 : 0);
        Header(name, BtfKind.FuncProto, Vlen(count, proto, id), false, Id(proto.ReturnType));
        for (var i = 0; i < proto.Parameters.Count; i++)
        {
            var parameter = proto.Parameters[i];
            if (parameter.Type is BtfVoid)
            {
                throw Invalid(proto, id, $"parameter {i} has type void; a variadic prototype sets IsVariadic instead");
            }
            U32(strings.Add(parameter.Name));
            U32(Id(parameter.Type));
        }
        if (proto.IsVariadic)
        {
            U32(0);
            U32(0);
        }
    }

    private void Header(uint name, BtfKind kind, int vlen, bool kindFlag, uint sizeOrType)
    {
        U32(name);
        U32(BtfWire.Info(kind, vlen, kindFlag));
        U32(sizeOrType);
    }

    private uint Id(BtfType type) => type is BtfVoid ? 0 : (uint)ids[type];

    private void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static int Vlen(int count, BtfType type, int id) =>
        count <= BtfWire.MaxVlen ? count : throw Invalid(type, id, $"{count} entries exceed the {BtfWire.MaxVlen} a BTF record can hold");

    private static InvalidOperationException Invalid(BtfType type, int id, string problem) =>
        new($"cannot encode BTF type [{id}] {type}: {problem}");
}
