namespace BpfLinq.Runtime;

/// <summary>The <c>prog_flags</c> of <c>BPF_PROG_LOAD</c> (<c>BPF_F_*</c> in the UAPI header).</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named for the kernel's prog_flags field.")]
public enum ProgramLoadFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary><c>BPF_F_STRICT_ALIGNMENT</c>: verify alignment as if the CPU required it.</summary>
    StrictAlignment = 1 << 0,
    /// <summary><c>BPF_F_ANY_ALIGNMENT</c>: skip alignment checks (testing only).</summary>
    AnyAlignment = 1 << 1,
    /// <summary><c>BPF_F_TEST_RND_HI32</c>: randomise the upper halves of 32-bit results (testing).</summary>
    TestRandomHi32 = 1 << 2,
    /// <summary><c>BPF_F_TEST_STATE_FREQ</c>: checkpoint verifier states often (testing).</summary>
    TestStateFrequency = 1 << 3,
    /// <summary><c>BPF_F_SLEEPABLE</c>: the program may sleep (tracing, LSM).</summary>
    Sleepable = 1 << 4,
    /// <summary><c>BPF_F_XDP_HAS_FRAGS</c>: the XDP program handles multi-buffer frames.</summary>
    XdpHasFrags = 1 << 5,
    /// <summary><c>BPF_F_XDP_DEV_BOUND_ONLY</c>: the XDP program is bound to one device.</summary>
    XdpDeviceBoundOnly = 1 << 6,
    /// <summary><c>BPF_F_TEST_REG_INVARIANTS</c>: the verifier checks its register invariants (testing).</summary>
    TestRegisterInvariants = 1 << 7,
}
