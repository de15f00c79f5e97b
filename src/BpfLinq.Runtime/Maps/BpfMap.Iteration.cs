using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime;

// Walking a map: BPF_MAP_GET_NEXT_KEY one key at a time, BPF_MAP_LOOKUP_BATCH many at a time.
public sealed partial class BpfMap
{
    /// <summary>Copies the map's first key (in the kernel's order, which is unspecified for hashes).</summary>
    /// <returns>False when the map is empty.</returns>
    public unsafe bool TryGetFirstKey(Span<byte> firstKey)
    {
        CheckKey(firstKey, nameof(firstKey));
        using var fd = Borrow();
        fixed (byte* next = firstKey)
        {
            var attr = new MapElemAttr { MapFd = (uint)fd.Fd, Key = 0, Value = (ulong)next };
            return Succeeded(BpfCommand.MapGetNextKey, ref attr, $"get the first key of {Description}");
        }
    }

    /// <summary>
    /// Copies the key after <paramref name="key"/>. A key that is no longer in a hash map restarts
    /// the walk at the first key, so deleting while walking can revisit keys.
    /// </summary>
    /// <returns>False when <paramref name="key"/> was the last key.</returns>
    public unsafe bool TryGetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        CheckKey(key, nameof(key));
        CheckKey(nextKey, nameof(nextKey));
        using var fd = Borrow();
        fixed (byte* current = key)
        fixed (byte* next = nextKey)
        {
            var attr = new MapElemAttr { MapFd = (uint)fd.Fd, Key = (ulong)current, Value = (ulong)next };
            return Succeeded(BpfCommand.MapGetNextKey, ref attr, $"get the next key of {Description}");
        }
    }

    /// <summary>The map's keys, read lazily with <c>BPF_MAP_GET_NEXT_KEY</c> as the enumeration proceeds.</summary>
    public IEnumerable<byte[]> Keys
    {
        get
        {
            byte[] key = new byte[KeySize];
            if (!TryGetFirstKey(key))
            {
                yield break;
            }
            while (true)
            {
                yield return (byte[])key.Clone();
                byte[] next = new byte[KeySize];
                if (!TryGetNextKey(key, next))
                {
                    yield break;
                }
                key = next;
            }
        }
    }

    /// <summary>
    /// Reads the next batch of elements (<c>BPF_MAP_LOOKUP_BATCH</c>) into <paramref name="keys"/> and
    /// <paramref name="values"/>, which hold the same number of elements; repeat with the same cursor
    /// until <see cref="MapBatchCursor.IsComplete"/>.
    /// </summary>
    /// <param name="cursor">Where the walk stands; a new cursor starts at the beginning.</param>
    /// <param name="keys">Room for N keys (N × <see cref="KeySize"/> bytes).</param>
    /// <param name="values">Room for N values (N × <see cref="ValueBufferSize"/> bytes).</param>
    /// <returns>The number of elements copied; 0 once the walk is complete.</returns>
    /// <exception cref="BpfException">
    /// ENOSPC when a hash bucket holds more elements than N (use a larger batch); EINVAL/ENOTSUPP for
    /// map types without batch support.
    /// </exception>
    public unsafe int LookupBatch(MapBatchCursor cursor, Span<byte> keys, Span<byte> values)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        int count = CheckBatch(keys, values);
        if (cursor.IsComplete)
        {
            return 0;
        }
        if (cursor.Token.Length == 0)
        {
            // Hash maps use a u32 bucket index, arrays a key; a key's size (at least 8) holds either.
            cursor.Token = new byte[Math.Max(KeySize, 8)];
        }
        byte[] outToken = new byte[cursor.Token.Length];
        using var fd = Borrow();
        fixed (byte* inBatch = cursor.Token)
        fixed (byte* outBatch = outToken)
        fixed (byte* keysPointer = keys)
        fixed (byte* valuesPointer = values)
        {
            var attr = new MapBatchAttr
            {
                InBatch = cursor.Started ? (ulong)inBatch : 0,
                OutBatch = (ulong)outBatch,
                Keys = (ulong)keysPointer,
                Values = (ulong)valuesPointer,
                Count = (uint)count,
                MapFd = (uint)fd.Fd,
            };
            if (BpfSyscall.TryInvoke(BpfCommand.MapLookupBatch, ref attr, out Errno errno) < 0)
            {
                // ENOENT ends the walk; Count still says how many elements this last call copied.
                if (errno != Errno.ENOENT)
                {
                    throw BpfErrors.Create(errno, BpfCommand.MapLookupBatch, $"look up a batch of {count} elements of {Description}");
                }
                cursor.IsComplete = true;
            }
            cursor.Started = true;
            cursor.Token = outToken;
            return (int)attr.Count;
        }
    }

    private int CheckBatch(ReadOnlySpan<byte> keys, ReadOnlySpan<byte> values)
    {
        if (KeySize == 0 || keys.Length == 0 || keys.Length % KeySize != 0)
        {
            throw new ArgumentException($"{Description} has {KeySize}-byte keys; a batch's key buffer holds a whole number of them", nameof(keys));
        }
        int count = keys.Length / KeySize;
        if (values.Length != count * ValueBufferSize)
        {
            throw new ArgumentException(
                $"{count} keys need {count * ValueBufferSize} bytes of values ({ValueBufferSize} each); the value buffer has {values.Length}",
                nameof(values));
        }
        return count;
    }
}
