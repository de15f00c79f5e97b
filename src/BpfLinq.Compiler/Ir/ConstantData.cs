using System.Text;
using BpfLinq.Maps;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// A program's read-only data: NUL-terminated strings and lookup tables, each stored once, 8-byte aligned. It becomes
/// one frozen array map that programs may only read (BPF_F_RDONLY_PROG), which is what
/// <c>bpf_strncmp</c> demands of its constant string and what lets the verifier trust the bytes.
/// </summary>
internal sealed class ConstantData
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _offsets = []; // by content: equal data is stored once

    /// <summary>True when nothing was added.</summary>
    public bool IsEmpty => _bytes.Count == 0;

    /// <summary>The offset of <paramref name="text"/> (ASCII, NUL-terminated), added on first use.</summary>
    public int AddString(string text) => AddBytes([.. Encoding.ASCII.GetBytes(text), 0]);

    /// <summary>The offset of <paramref name="bytes"/> (a string or a lookup table), 8-byte aligned, added on first use.</summary>
    public int AddBytes(byte[] bytes)
    {
        var key = Convert.ToHexString(bytes);
        if (_offsets.TryGetValue(key, out var offset))
        {
            return offset;
        }
        offset = _bytes.Count;
        _bytes.AddRange(bytes);
        while (_bytes.Count % 8 != 0)
        {
            _bytes.Add(0);
        }
        _offsets.Add(key, offset);
        return offset;
    }

    /// <summary>The map holding the data.</summary>
    public MapDefinition ToMap() => new ConstantMap([.. _bytes]);
}
