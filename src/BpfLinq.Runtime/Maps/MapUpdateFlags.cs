namespace BpfLinq.Runtime;

/// <summary>The <c>flags</c> of <c>BPF_MAP_UPDATE_ELEM</c>.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named for the kernel's update flags.")]
public enum MapUpdateFlags : ulong
{
    /// <summary><c>BPF_ANY</c>: create the element or replace it.</summary>
    Any = 0,
    /// <summary><c>BPF_NOEXIST</c>: create only; an existing key fails with EEXIST.</summary>
    NoExist = 1,
    /// <summary><c>BPF_EXIST</c>: replace only; a missing key fails with ENOENT.</summary>
    Exist = 2,
    /// <summary><c>BPF_F_LOCK</c>: take the value's <c>bpf_spin_lock</c> while copying.</summary>
    Lock = 4,
}
