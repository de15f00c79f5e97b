namespace BpfLinq.Maps;

/// <summary>The key type of maps without keys (ring buffers).</summary>
public readonly struct NoKey
{
}
