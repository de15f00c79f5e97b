namespace BpfLinq.Runtime;

/// <summary>The verifier's <c>log_level</c> bits.</summary>
[Flags]
public enum VerifierLogLevel : uint
{
    /// <summary>No log: a rejected load reports only its errno.</summary>
    None = 0,
    /// <summary><c>BPF_LOG_LEVEL1</c>: the instructions on the path to the error and the register states that matter.</summary>
    Basic = 1,
    /// <summary><c>BPF_LOG_LEVEL2</c>: every instruction with the full state; large.</summary>
    Verbose = 2,
    /// <summary><c>BPF_LOG_STATS</c>: statistics (processed instructions, states, time).</summary>
    Stats = 4,
}
