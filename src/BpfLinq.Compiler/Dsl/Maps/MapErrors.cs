namespace BpfLinq.Maps;

/// <summary>The negative errno values map operations return, as the kernel's helpers do.</summary>
public static class MapErrors
{
    /// <summary>-ENOENT: no such key.</summary>
    public const long NoEntry = -2;

    /// <summary>-E2BIG: the map is full, or an array index is out of range.</summary>
    public const long TooBig = -7;

    /// <summary>-EEXIST: the key exists (<see cref="UpdateMode.NoExist"/>).</summary>
    public const long Exists = -17;

    /// <summary>-ENOSPC: an LPM trie is full.</summary>
    public const long NoSpace = -28;

    /// <summary>-EINVAL: the operation does not apply (deleting from an array).</summary>
    public const long Invalid = -22;
}
