namespace BpfLinq.Runtime;

/// <summary>The <c>map_flags</c> of <c>BPF_MAP_CREATE</c> (<c>BPF_F_*</c>, kernel values).</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named for the kernel's map_flags field.")]
public enum MapFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary><c>BPF_F_NO_PREALLOC</c>: allocate elements on update (hash maps; required by LPM tries).</summary>
    NoPrealloc = 1 << 0,
    /// <summary><c>BPF_F_NO_COMMON_LRU</c>: per-CPU LRU lists instead of one shared list.</summary>
    NoCommonLru = 1 << 1,
    /// <summary><c>BPF_F_NUMA_NODE</c>: honour <see cref="MapCreateOptions.NumaNode"/> (set automatically).</summary>
    NumaNode = 1 << 2,
    /// <summary><c>BPF_F_RDONLY</c>: user space may only read.</summary>
    Rdonly = 1 << 3,
    /// <summary><c>BPF_F_WRONLY</c>: user space may only write.</summary>
    Wronly = 1 << 4,
    /// <summary><c>BPF_F_STACK_BUILD_ID</c>: stack trace maps store build ids.</summary>
    StackBuildId = 1 << 5,
    /// <summary><c>BPF_F_ZERO_SEED</c>: hash with seed 0 (testing only).</summary>
    ZeroSeed = 1 << 6,
    /// <summary><c>BPF_F_RDONLY_PROG</c>: programs may only read (required for constant strings).</summary>
    RdonlyProg = 1 << 7,
    /// <summary><c>BPF_F_WRONLY_PROG</c>: programs may only write.</summary>
    WronlyProg = 1 << 8,
    /// <summary><c>BPF_F_CLONE</c>: clone socket-local storage on accept.</summary>
    Clone = 1 << 9,
    /// <summary><c>BPF_F_MMAPABLE</c>: the array can be mmap-ed.</summary>
    Mmapable = 1 << 10,
    /// <summary><c>BPF_F_PRESERVE_ELEMS</c>: perf event arrays keep entries when the fd closes.</summary>
    PreserveElems = 1 << 11,
    /// <summary><c>BPF_F_INNER_MAP</c>: inner maps of a map-of-maps may differ in max entries.</summary>
    InnerMap = 1 << 12,
}
