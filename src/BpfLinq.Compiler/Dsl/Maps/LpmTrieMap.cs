using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A longest-prefix-match trie (BPF_MAP_TYPE_LPM_TRIE), for IP prefixes. The key is a struct whose
/// first field is the prefix length in bits (a <see cref="uint"/>) followed by the data, network
/// order, e.g. <c>struct V4Prefix { uint Bits; uint Address; }</c>. A lookup finds the stored prefix
/// that matches the most leading bits of the key's data, among those no longer than the key's own
/// prefix length (use the full width, 32 for IPv4, to look up an address). Created with
/// BPF_F_NO_PREALLOC, as the kernel requires.
/// </summary>
/// <typeparam name="TKey">The prefix-length-then-data key struct.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class LpmTrieMap<TKey, TValue> : KeyValueMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    private const uint NoPrealloc = 1;
    private readonly Dictionary<string, (TKey Key, TValue Value)> _entries = [];

    /// <summary>Declares an LPM trie.</summary>
    /// <param name="maxEntries">The capacity.</param>
    /// <param name="name">The kernel name.</param>
    /// <exception cref="ArgumentException">The key is not a prefix length followed by at least one data byte.</exception>
    public LpmTrieMap(int maxEntries, string? name = null)
        : base(MapType.LpmTrie, maxEntries, NoPrealloc, name)
    {
        if (KeySize <= sizeof(uint))
        {
            throw new ArgumentException($"an LPM trie key is a uint prefix length followed by data; {typeof(TKey).Name} has {KeySize} bytes");
        }
    }

    private int DataBits => (KeySize - sizeof(uint)) * 8;

    private protected override bool TryRead(TKey key, out TValue value)
    {
        var bytes = Bytes(key);
        var limit = Math.Min(PrefixLength(bytes), (uint)DataBits);
        var best = -1;
        value = default;
        foreach (var (stored, storedValue) in _entries.Values)
        {
            var prefix = Bytes(stored);
            var length = (int)PrefixLength(prefix);
            if (length <= limit && length > best && Matches(prefix, bytes, length))
            {
                best = length;
                value = storedValue;
            }
        }
        return best >= 0;
    }

    private protected override long Write(TKey key, TValue value, UpdateMode mode)
    {
        if (PrefixLength(Bytes(key)) > DataBits)
        {
            return MapErrors.Invalid;
        }
        var id = Identity(key);
        var exists = _entries.ContainsKey(id);
        if (mode == UpdateMode.NoExist && exists)
        {
            return MapErrors.Exists;
        }
        if (mode == UpdateMode.Exist && !exists)
        {
            return MapErrors.NoEntry;
        }
        if (!exists && _entries.Count >= MaxEntries)
        {
            return MapErrors.NoSpace;
        }
        _entries[id] = (key, value);
        return 0;
    }

    private protected override long Erase(TKey key) =>
        PrefixLength(Bytes(key)) > DataBits ? MapErrors.Invalid : _entries.Remove(Identity(key)) ? 0 : MapErrors.NoEntry;

    private protected override IEnumerable<KeyValuePair<TKey, TValue>> Entries() =>
        _entries.Values.Select(e => KeyValuePair.Create(e.Key, e.Value));

    private protected override void Reset() => _entries.Clear();

    private static byte[] Bytes(TKey key) => MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)).ToArray();

    private static uint PrefixLength(byte[] key) => BinaryPrimitives.ReadUInt32LittleEndian(key);

    // The kernel compares only the first prefix-length bits: keys equal there are one entry.
    private static string Identity(TKey key)
    {
        var bytes = Bytes(key);
        var length = (int)PrefixLength(bytes);
        var data = new byte[bytes.Length - sizeof(uint)];
        for (var bit = 0; bit < length; bit++)
        {
            data[bit / 8] |= (byte)(bytes[sizeof(uint) + (bit / 8)] & (0x80 >> (bit % 8)));
        }
        return $"{length}/{Convert.ToHexString(data)}";
    }

    private static bool Matches(byte[] prefix, byte[] key, int bits)
    {
        for (var bit = 0; bit < bits; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            var i = sizeof(uint) + (bit / 8);
            if ((prefix[i] & mask) != (key[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
