namespace BpfLinq.Maps;

/// <summary>One element of a map as raw bytes: what the runtime writes into a map before programs run.</summary>
/// <param name="Key">The key's bytes (the map's key size).</param>
/// <param name="Value">The value's bytes (the map's value size).</param>
public sealed record MapEntry(byte[] Key, byte[] Value);
