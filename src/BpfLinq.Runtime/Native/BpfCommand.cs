namespace BpfLinq.Runtime.Native;

/// <summary>A <c>bpf(2)</c> command (<c>enum bpf_cmd</c>); values are the kernel's.</summary>
public enum BpfCommand
{
    /// <summary><c>BPF_MAP_CREATE</c>: create a map, returns its fd.</summary>
    MapCreate = 0,
    /// <summary><c>BPF_MAP_LOOKUP_ELEM</c>: copy one element's value out.</summary>
    MapLookupElem = 1,
    /// <summary><c>BPF_MAP_UPDATE_ELEM</c>: create or replace one element.</summary>
    MapUpdateElem = 2,
    /// <summary><c>BPF_MAP_DELETE_ELEM</c>: delete one element.</summary>
    MapDeleteElem = 3,
    /// <summary><c>BPF_MAP_GET_NEXT_KEY</c>: the key after a given key (or the first key).</summary>
    MapGetNextKey = 4,
    /// <summary><c>BPF_PROG_LOAD</c>: verify and load a program, returns its fd.</summary>
    ProgLoad = 5,
    /// <summary><c>BPF_OBJ_PIN</c>: pin an object to a path in a bpf filesystem.</summary>
    ObjPin = 6,
    /// <summary><c>BPF_OBJ_GET</c>: open a pinned object, returns its fd.</summary>
    ObjGet = 7,
    /// <summary><c>BPF_PROG_ATTACH</c>: attach a program to a target (cgroup, sockmap, ...).</summary>
    ProgAttach = 8,
    /// <summary><c>BPF_PROG_DETACH</c>: undo <see cref="ProgAttach"/>.</summary>
    ProgDetach = 9,
    /// <summary><c>BPF_PROG_TEST_RUN</c>: run a program on supplied data and context.</summary>
    ProgTestRun = 10,
    /// <summary><c>BPF_PROG_GET_NEXT_ID</c>.</summary>
    ProgGetNextId = 11,
    /// <summary><c>BPF_MAP_GET_NEXT_ID</c>.</summary>
    MapGetNextId = 12,
    /// <summary><c>BPF_PROG_GET_FD_BY_ID</c>.</summary>
    ProgGetFdById = 13,
    /// <summary><c>BPF_MAP_GET_FD_BY_ID</c>.</summary>
    MapGetFdById = 14,
    /// <summary><c>BPF_OBJ_GET_INFO_BY_FD</c>: describe a program, map, BTF object or link.</summary>
    ObjGetInfoByFd = 15,
    /// <summary><c>BPF_PROG_QUERY</c>.</summary>
    ProgQuery = 16,
    /// <summary><c>BPF_RAW_TRACEPOINT_OPEN</c>.</summary>
    RawTracepointOpen = 17,
    /// <summary><c>BPF_BTF_LOAD</c>: check and load a BTF blob, returns its fd.</summary>
    BtfLoad = 18,
    /// <summary><c>BPF_BTF_GET_FD_BY_ID</c>.</summary>
    BtfGetFdById = 19,
    /// <summary><c>BPF_TASK_FD_QUERY</c>.</summary>
    TaskFdQuery = 20,
    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_ELEM</c>.</summary>
    MapLookupAndDeleteElem = 21,
    /// <summary><c>BPF_MAP_FREEZE</c>: make a map read-only for user space from now on.</summary>
    MapFreeze = 22,
    /// <summary><c>BPF_BTF_GET_NEXT_ID</c>.</summary>
    BtfGetNextId = 23,
    /// <summary><c>BPF_MAP_LOOKUP_BATCH</c>: copy many elements out per call.</summary>
    MapLookupBatch = 24,
    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_BATCH</c>.</summary>
    MapLookupAndDeleteBatch = 25,
    /// <summary><c>BPF_MAP_UPDATE_BATCH</c>.</summary>
    MapUpdateBatch = 26,
    /// <summary><c>BPF_MAP_DELETE_BATCH</c>.</summary>
    MapDeleteBatch = 27,
    /// <summary><c>BPF_LINK_CREATE</c>: attach a program through a link object, returns its fd.</summary>
    LinkCreate = 28,
    /// <summary><c>BPF_LINK_UPDATE</c>.</summary>
    LinkUpdate = 29,
    /// <summary><c>BPF_LINK_GET_FD_BY_ID</c>.</summary>
    LinkGetFdById = 30,
    /// <summary><c>BPF_LINK_GET_NEXT_ID</c>.</summary>
    LinkGetNextId = 31,
    /// <summary><c>BPF_ENABLE_STATS</c>.</summary>
    EnableStats = 32,
    /// <summary><c>BPF_ITER_CREATE</c>.</summary>
    IterCreate = 33,
    /// <summary><c>BPF_LINK_DETACH</c>.</summary>
    LinkDetach = 34,
    /// <summary><c>BPF_PROG_BIND_MAP</c>.</summary>
    ProgBindMap = 35,
    /// <summary><c>BPF_TOKEN_CREATE</c>.</summary>
    TokenCreate = 36,
    /// <summary><c>BPF_PROG_STREAM_READ_BY_FD</c>.</summary>
    ProgStreamReadByFd = 37,
}
