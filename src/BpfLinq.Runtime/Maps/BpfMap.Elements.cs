using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime;

// Element operations on byte spans: BPF_MAP_LOOKUP_ELEM, BPF_MAP_UPDATE_ELEM, BPF_MAP_DELETE_ELEM.
public sealed partial class BpfMap
{
    /// <summary>Copies the value stored under <paramref name="key"/> into <paramref name="value"/>.</summary>
    /// <param name="key">A key of <see cref="KeySize"/> bytes.</param>
    /// <param name="value">A buffer of <see cref="ValueBufferSize"/> bytes.</param>
    /// <returns>False when the key is not in the map.</returns>
    /// <exception cref="ArgumentException">The key or value buffer has the wrong length.</exception>
    public unsafe bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value)
    {
        CheckKey(key, nameof(key));
        CheckValue(value.Length, nameof(value));
        using var fd = Borrow();
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
        {
            var attr = new MapElemAttr { MapFd = (uint)fd.Fd, Key = (ulong)keyPointer, Value = (ulong)valuePointer };
            return Succeeded(BpfCommand.MapLookupElem, ref attr, $"look up an element of {Description}");
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="KeySize"/> bytes.</param>
    /// <param name="value">A value of <see cref="ValueBufferSize"/> bytes.</param>
    /// <param name="flags">Create-or-replace (default), create only, or replace only.</param>
    /// <exception cref="ArgumentException">The key or value has the wrong length.</exception>
    /// <exception cref="BpfException">
    /// EEXIST with <see cref="MapUpdateFlags.NoExist"/> on an existing key; ENOENT with
    /// <see cref="MapUpdateFlags.Exist"/> on a missing key; E2BIG when the map is full; EPERM when frozen.
    /// </exception>
    public unsafe void Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        CheckKey(key, nameof(key));
        CheckValue(value.Length, nameof(value));
        using var fd = Borrow();
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
        {
            var attr = new MapElemAttr
            {
                MapFd = (uint)fd.Fd,
                Key = (ulong)keyPointer,
                Value = (ulong)valuePointer,
                Flags = (ulong)flags,
            };
            BpfSyscall.Invoke(BpfCommand.MapUpdateElem, ref attr, $"update an element of {Description} ({flags})");
        }
    }

    /// <summary>Deletes the element stored under <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="KeySize"/> bytes.</param>
    /// <returns>False when the key was not in the map.</returns>
    /// <exception cref="BpfException">EINVAL for arrays, whose elements cannot be deleted; EPERM when frozen.</exception>
    public unsafe bool Delete(ReadOnlySpan<byte> key)
    {
        CheckKey(key, nameof(key));
        using var fd = Borrow();
        fixed (byte* keyPointer = key)
        {
            var attr = new MapElemAttr { MapFd = (uint)fd.Fd, Key = (ulong)keyPointer };
            return Succeeded(BpfCommand.MapDeleteElem, ref attr, $"delete an element of {Description}");
        }
    }

    /// <summary>Runs an element command; ENOENT is the answer "no such key", anything else throws.</summary>
    private static bool Succeeded(BpfCommand command, ref MapElemAttr attr, string operation)
    {
        if (BpfSyscall.TryInvoke(command, ref attr, out Errno errno) >= 0)
        {
            return true;
        }
        if (errno == Errno.ENOENT)
        {
            return false;
        }
        throw BpfErrors.Create(errno, command, operation);
    }
}
