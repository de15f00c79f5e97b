using System.Buffers.Binary;
using System.Text;

namespace BpfLinq.Runtime.Tests;

/// <summary>
/// Hand-assembles small BTF blobs for tests (the BTF encoder lives on another branch). Layout per
/// the kernel's Documentation/bpf/btf.rst: a 24-byte header, the type section (each type a 12-byte
/// <c>struct btf_type</c> plus kind-specific trailing data), then the string section. Type ids
/// count from 1 in the order types are added.
/// </summary>
internal sealed class TestBtf
{
    private const int KindInt = 1;
    private const int KindStruct = 4;
    private const int KindFunc = 12;
    private const int KindFuncProto = 13;

    private readonly List<byte> _types = [];
    private readonly List<byte> _strings = [0];
    private uint _lastId;

    /// <summary>Adds <c>INT name size=size bits=size*8</c> (signed when asked); returns its id.</summary>
    public uint Int(string name, int size, bool signed)
    {
        Type(Name(name), KindInt, vlen: 0, sizeOrType: (uint)size);
        Word((signed ? 1u << 24 : 0) | (uint)(size * 8));
        return ++_lastId;
    }

    /// <summary>Adds a <c>FUNC_PROTO</c> returning <paramref name="returnType"/> with unnamed parameters; returns its id.</summary>
    public uint FuncProto(uint returnType, params uint[] parameters)
    {
        Type(0, KindFuncProto, parameters.Length, returnType);
        foreach (uint parameter in parameters)
        {
            Word(0);
            Word(parameter);
        }
        return ++_lastId;
    }

    /// <summary>Adds a static <c>FUNC name</c> of prototype <paramref name="proto"/>; returns its id.</summary>
    public uint Func(string name, uint proto)
    {
        Type(Name(name), KindFunc, vlen: 0, sizeOrType: proto);
        return ++_lastId;
    }

    /// <summary>Adds a <c>STRUCT</c> with members given as (name, type id, bit offset); returns its id.</summary>
    public uint Struct(string name, int size, params (string Name, uint Type, uint BitOffset)[] members)
    {
        Type(Name(name), KindStruct, members.Length, (uint)size);
        foreach (var member in members)
        {
            Word(Name(member.Name));
            Word(member.Type);
            Word(member.BitOffset);
        }
        return ++_lastId;
    }

    /// <summary>The blob: header, types, strings.</summary>
    public byte[] ToArray()
    {
        var blob = new byte[24 + _types.Count + _strings.Count];
        BinaryPrimitives.WriteUInt16LittleEndian(blob, 0xeb9f);
        blob[2] = 1; // version
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), 24); // hdr_len
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(8), 0); // type_off
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(12), (uint)_types.Count); // type_len
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(16), (uint)_types.Count); // str_off
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(20), (uint)_strings.Count); // str_len
        _types.CopyTo(blob, 24);
        _strings.CopyTo(blob, 24 + _types.Count);
        return blob;
    }

    /// <summary>Adds a string (a line_info file name or source line) and returns its offset.</summary>
    public uint String(string text) => Name(text);

    private uint Name(string name)
    {
        uint offset = (uint)_strings.Count;
        _strings.AddRange(Encoding.ASCII.GetBytes(name));
        _strings.Add(0);
        return offset;
    }

    private void Type(uint nameOffset, int kind, int vlen, uint sizeOrType)
    {
        Word(nameOffset);
        Word(((uint)kind << 24) | (uint)vlen);
        Word(sizeOrType);
    }

    private void Word(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _types.AddRange(bytes.ToArray());
    }
}
