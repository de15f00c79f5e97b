namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// An attr whose command writes a verifier-style log (<c>BPF_PROG_LOAD</c>, <c>BPF_BTF_LOAD</c>), so
/// one grow-and-retry loop (<see cref="LoggedLoad"/>) serves both. A constraint, not a
/// boxing interface: callers are generic over the struct.
/// </summary>
internal interface ILogAttr
{
    /// <summary>Points the log at a buffer (address 0, size 0 and level 0 turn it off).</summary>
    void SetLog(ulong buffer, uint size, uint level);

    /// <summary>The log size the kernel needed, written back since Linux 6.4 (0 before).</summary>
    uint LogTrueSize { get; }
}
