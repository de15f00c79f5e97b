namespace BpfLinq.Maps;

/// <summary>How an update treats an existing key (the kernel's BPF_ANY, BPF_NOEXIST, BPF_EXIST).</summary>
public enum UpdateMode : long
{
    /// <summary>Create or replace.</summary>
    Any = 0,
    /// <summary>Create only: fails with -EEXIST when the key is present.</summary>
    NoExist = 1,
    /// <summary>Replace only: fails with -ENOENT when the key is absent.</summary>
    Exist = 2,
}
