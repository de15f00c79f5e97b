namespace BpfLinq.Bench.Report;

/// <summary>A frame of the shared set and its name (a truncation is named <c>frame[..length]</c>).</summary>
internal sealed record NamedFrame(string Name, byte[] Bytes);
