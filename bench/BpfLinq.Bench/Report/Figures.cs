namespace BpfLinq.Bench.Report;

/// <summary>One build's numbers in a row: instruction slots, the verifier's processed instructions, kernel ns per packet.</summary>
internal readonly record struct Figures(int Instructions, uint VerifiedInsns, double NsPerPacket);
