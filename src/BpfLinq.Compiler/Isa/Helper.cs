namespace BpfLinq;

/// <summary>
/// A kernel helper function by id (<c>enum bpf_func_id</c> of Linux 6.18); every value is the kernel's.
/// Each member's summary names the helper's C function and says what it does; <see cref="Compiler.Isa.HelperNames"/>
/// maps ids to those C names and back.
/// </summary>
public enum Helper
{
    /// <summary><c>BPF_FUNC_unspec</c>: not a helper; id 0 is reserved and rejected by the verifier.</summary>
    Unspec = 0,
    /// <summary><c>bpf_map_lookup_elem</c>: look up a map element by key; returns a pointer to the value or NULL.</summary>
    MapLookupElem = 1,
    /// <summary><c>bpf_map_update_elem</c>: create or update a map element.</summary>
    MapUpdateElem = 2,
    /// <summary><c>bpf_map_delete_elem</c>: delete a map element by key.</summary>
    MapDeleteElem = 3,
    /// <summary><c>bpf_probe_read</c>: read kernel memory safely (legacy; prefer bpf_probe_read_kernel/user).</summary>
    ProbeRead = 4,
    /// <summary><c>bpf_ktime_get_ns</c>: nanoseconds since boot, excluding suspend (CLOCK_MONOTONIC).</summary>
    KtimeGetNs = 5,
    /// <summary><c>bpf_trace_printk</c>: print a formatted message to the kernel trace pipe (debugging only).</summary>
    TracePrintk = 6,
    /// <summary><c>bpf_get_prandom_u32</c>: a pseudo-random 32-bit number.</summary>
    GetPrandomU32 = 7,
    /// <summary><c>bpf_get_smp_processor_id</c>: the id of the CPU the program is running on.</summary>
    GetSmpProcessorId = 8,
    /// <summary><c>bpf_skb_store_bytes</c>: write bytes into the packet at an offset.</summary>
    SkbStoreBytes = 9,
    /// <summary><c>bpf_l3_csum_replace</c>: incrementally fix an L3 (IP) checksum after a change.</summary>
    L3CsumReplace = 10,
    /// <summary><c>bpf_l4_csum_replace</c>: incrementally fix an L4 (TCP/UDP) checksum after a change.</summary>
    L4CsumReplace = 11,
    /// <summary><c>bpf_tail_call</c>: jump into another program of a program-array map; does not return on success.</summary>
    TailCall = 12,
    /// <summary><c>bpf_clone_redirect</c>: clone the packet and redirect the clone to another device.</summary>
    CloneRedirect = 13,
    /// <summary><c>bpf_get_current_pid_tgid</c>: current task's tgid in the upper and pid in the lower 32 bits.</summary>
    GetCurrentPidTgid = 14,
    /// <summary><c>bpf_get_current_uid_gid</c>: current task's gid in the upper and uid in the lower 32 bits.</summary>
    GetCurrentUidGid = 15,
    /// <summary><c>bpf_get_current_comm</c>: copy the current task's comm (name) into a buffer.</summary>
    GetCurrentComm = 16,
    /// <summary><c>bpf_get_cgroup_classid</c>: the net_cls cgroup class id of the current task.</summary>
    GetCgroupClassid = 17,
    /// <summary><c>bpf_skb_vlan_push</c>: push a VLAN tag onto the packet.</summary>
    SkbVlanPush = 18,
    /// <summary><c>bpf_skb_vlan_pop</c>: pop the outer VLAN tag from the packet.</summary>
    SkbVlanPop = 19,
    /// <summary><c>bpf_skb_get_tunnel_key</c>: read the tunnel metadata of the packet.</summary>
    SkbGetTunnelKey = 20,
    /// <summary><c>bpf_skb_set_tunnel_key</c>: set the tunnel metadata of the packet.</summary>
    SkbSetTunnelKey = 21,
    /// <summary><c>bpf_perf_event_read</c>: read a perf event counter (legacy; prefer bpf_perf_event_read_value).</summary>
    PerfEventRead = 22,
    /// <summary><c>bpf_redirect</c>: redirect the packet to another device.</summary>
    Redirect = 23,
    /// <summary><c>bpf_get_route_realm</c>: the routing realm (tclassid) of the packet's destination.</summary>
    GetRouteRealm = 24,
    /// <summary><c>bpf_perf_event_output</c>: write a record to a perf event ring buffer.</summary>
    PerfEventOutput = 25,
    /// <summary><c>bpf_skb_load_bytes</c>: copy bytes from the packet into a buffer.</summary>
    SkbLoadBytes = 26,
    /// <summary><c>bpf_get_stackid</c>: an id for the current stack trace, stored in a stack-trace map.</summary>
    GetStackid = 27,
    /// <summary><c>bpf_csum_diff</c>: compute a checksum difference over two buffers.</summary>
    CsumDiff = 28,
    /// <summary><c>bpf_skb_get_tunnel_opt</c>: read the tunnel options of the packet.</summary>
    SkbGetTunnelOpt = 29,
    /// <summary><c>bpf_skb_set_tunnel_opt</c>: set the tunnel options of the packet.</summary>
    SkbSetTunnelOpt = 30,
    /// <summary><c>bpf_skb_change_proto</c>: change the packet's protocol between IPv4 and IPv6.</summary>
    SkbChangeProto = 31,
    /// <summary><c>bpf_skb_change_type</c>: change the packet's pkt_type.</summary>
    SkbChangeType = 32,
    /// <summary><c>bpf_skb_under_cgroup</c>: test whether the packet's socket belongs to a cgroup of a cgroup-array map.</summary>
    SkbUnderCgroup = 33,
    /// <summary><c>bpf_get_hash_recalc</c>: the packet's flow hash, recomputed if needed.</summary>
    GetHashRecalc = 34,
    /// <summary><c>bpf_get_current_task</c>: pointer to the current task_struct.</summary>
    GetCurrentTask = 35,
    /// <summary><c>bpf_probe_write_user</c>: write to user memory of the current task (debugging only).</summary>
    ProbeWriteUser = 36,
    /// <summary><c>bpf_current_task_under_cgroup</c>: test whether the current task belongs to a cgroup of a cgroup-array map.</summary>
    CurrentTaskUnderCgroup = 37,
    /// <summary><c>bpf_skb_change_tail</c>: grow or shrink the packet at its tail.</summary>
    SkbChangeTail = 38,
    /// <summary><c>bpf_skb_pull_data</c>: pull non-linear packet data into the linear area.</summary>
    SkbPullData = 39,
    /// <summary><c>bpf_csum_update</c>: add a checksum difference to the packet's checksum.</summary>
    CsumUpdate = 40,
    /// <summary><c>bpf_set_hash_invalid</c>: invalidate the packet's flow hash.</summary>
    SetHashInvalid = 41,
    /// <summary><c>bpf_get_numa_node_id</c>: the NUMA node the program is running on.</summary>
    GetNumaNodeId = 42,
    /// <summary><c>bpf_skb_change_head</c>: grow the packet's headroom.</summary>
    SkbChangeHead = 43,
    /// <summary><c>bpf_xdp_adjust_head</c>: move the start of an XDP packet.</summary>
    XdpAdjustHead = 44,
    /// <summary><c>bpf_probe_read_str</c>: copy a NUL-terminated string from unsafe memory (legacy).</summary>
    ProbeReadStr = 45,
    /// <summary><c>bpf_get_socket_cookie</c>: the socket cookie of the context's socket.</summary>
    GetSocketCookie = 46,
    /// <summary><c>bpf_get_socket_uid</c>: the owner uid of the packet's socket.</summary>
    GetSocketUid = 47,
    /// <summary><c>bpf_set_hash</c>: set the packet's flow hash.</summary>
    SetHash = 48,
    /// <summary><c>bpf_setsockopt</c>: set a socket option.</summary>
    Setsockopt = 49,
    /// <summary><c>bpf_skb_adjust_room</c>: grow or shrink room at the network or MAC layer of the packet.</summary>
    SkbAdjustRoom = 50,
    /// <summary><c>bpf_redirect_map</c>: redirect an XDP packet through a device, CPU or XSK map.</summary>
    RedirectMap = 51,
    /// <summary><c>bpf_sk_redirect_map</c>: redirect the packet to a socket of a sockmap.</summary>
    SkRedirectMap = 52,
    /// <summary><c>bpf_sock_map_update</c>: add or update a socket in a sockmap.</summary>
    SockMapUpdate = 53,
    /// <summary><c>bpf_xdp_adjust_meta</c>: move the start of an XDP packet's metadata area.</summary>
    XdpAdjustMeta = 54,
    /// <summary><c>bpf_perf_event_read_value</c>: read a perf event counter with its enabled and running times.</summary>
    PerfEventReadValue = 55,
    /// <summary><c>bpf_perf_prog_read_value</c>: read the perf event counter of the running program with its times.</summary>
    PerfProgReadValue = 56,
    /// <summary><c>bpf_getsockopt</c>: get a socket option.</summary>
    Getsockopt = 57,
    /// <summary><c>bpf_override_return</c>: override the return value of a probed kernel function.</summary>
    OverrideReturn = 58,
    /// <summary><c>bpf_sock_ops_cb_flags_set</c>: set the sock_ops callback flags of a socket.</summary>
    SockOpsCbFlagsSet = 59,
    /// <summary><c>bpf_msg_redirect_map</c>: redirect a socket message to a socket of a sockmap.</summary>
    MsgRedirectMap = 60,
    /// <summary><c>bpf_msg_apply_bytes</c>: apply the verdict to the next N bytes of a socket message.</summary>
    MsgApplyBytes = 61,
    /// <summary><c>bpf_msg_cork_bytes</c>: wait for N bytes of a socket message before running the program again.</summary>
    MsgCorkBytes = 62,
    /// <summary><c>bpf_msg_pull_data</c>: make bytes of a socket message readable and writable directly.</summary>
    MsgPullData = 63,
    /// <summary><c>bpf_bind</c>: bind the context's socket to an address.</summary>
    Bind = 64,
    /// <summary><c>bpf_xdp_adjust_tail</c>: move the end of an XDP packet.</summary>
    XdpAdjustTail = 65,
    /// <summary><c>bpf_skb_get_xfrm_state</c>: read the xfrm (IPsec) state of the packet.</summary>
    SkbGetXfrmState = 66,
    /// <summary><c>bpf_get_stack</c>: copy the current kernel or user stack into a buffer.</summary>
    GetStack = 67,
    /// <summary><c>bpf_skb_load_bytes_relative</c>: copy packet bytes relative to the MAC or network header.</summary>
    SkbLoadBytesRelative = 68,
    /// <summary><c>bpf_fib_lookup</c>: look up the kernel FIB (routing table).</summary>
    FibLookup = 69,
    /// <summary><c>bpf_sock_hash_update</c>: add or update a socket in a sockhash.</summary>
    SockHashUpdate = 70,
    /// <summary><c>bpf_msg_redirect_hash</c>: redirect a socket message to a socket of a sockhash.</summary>
    MsgRedirectHash = 71,
    /// <summary><c>bpf_sk_redirect_hash</c>: redirect the packet to a socket of a sockhash.</summary>
    SkRedirectHash = 72,
    /// <summary><c>bpf_lwt_push_encap</c>: push a lightweight-tunnel encapsulation header.</summary>
    LwtPushEncap = 73,
    /// <summary><c>bpf_lwt_seg6_store_bytes</c>: write into the SRv6 segment routing header.</summary>
    LwtSeg6StoreBytes = 74,
    /// <summary><c>bpf_lwt_seg6_adjust_srh</c>: grow or shrink the SRv6 segment routing header.</summary>
    LwtSeg6AdjustSrh = 75,
    /// <summary><c>bpf_lwt_seg6_action</c>: apply an SRv6 seg6local action.</summary>
    LwtSeg6Action = 76,
    /// <summary><c>bpf_rc_repeat</c>: report a repeated infrared remote-control key.</summary>
    RcRepeat = 77,
    /// <summary><c>bpf_rc_keydown</c>: report a decoded infrared remote-control key press.</summary>
    RcKeydown = 78,
    /// <summary><c>bpf_skb_cgroup_id</c>: the cgroup v2 id of the packet's socket.</summary>
    SkbCgroupId = 79,
    /// <summary><c>bpf_get_current_cgroup_id</c>: the cgroup v2 id of the current task.</summary>
    GetCurrentCgroupId = 80,
    /// <summary><c>bpf_get_local_storage</c>: pointer to the cgroup local storage of the program.</summary>
    GetLocalStorage = 81,
    /// <summary><c>bpf_sk_select_reuseport</c>: select a socket of a reuseport group.</summary>
    SkSelectReuseport = 82,
    /// <summary><c>bpf_skb_ancestor_cgroup_id</c>: the id of an ancestor cgroup of the packet's socket.</summary>
    SkbAncestorCgroupId = 83,
    /// <summary><c>bpf_sk_lookup_tcp</c>: look up a TCP socket by tuple; the reference must be released.</summary>
    SkLookupTcp = 84,
    /// <summary><c>bpf_sk_lookup_udp</c>: look up a UDP socket by tuple; the reference must be released.</summary>
    SkLookupUdp = 85,
    /// <summary><c>bpf_sk_release</c>: release a socket reference taken by a lookup.</summary>
    SkRelease = 86,
    /// <summary><c>bpf_map_push_elem</c>: push an element onto a queue or stack map.</summary>
    MapPushElem = 87,
    /// <summary><c>bpf_map_pop_elem</c>: pop an element from a queue or stack map.</summary>
    MapPopElem = 88,
    /// <summary><c>bpf_map_peek_elem</c>: read the next element of a queue or stack map without removing it.</summary>
    MapPeekElem = 89,
    /// <summary><c>bpf_msg_push_data</c>: insert bytes into a socket message.</summary>
    MsgPushData = 90,
    /// <summary><c>bpf_msg_pop_data</c>: remove bytes from a socket message.</summary>
    MsgPopData = 91,
    /// <summary><c>bpf_rc_pointer_rel</c>: report a relative pointer movement from an infrared device.</summary>
    RcPointerRel = 92,
    /// <summary><c>bpf_spin_lock</c>: take a bpf_spin_lock in a map value.</summary>
    SpinLock = 93,
    /// <summary><c>bpf_spin_unlock</c>: release a bpf_spin_lock in a map value.</summary>
    SpinUnlock = 94,
    /// <summary><c>bpf_sk_fullsock</c>: the full socket behind a socket pointer, or NULL.</summary>
    SkFullsock = 95,
    /// <summary><c>bpf_tcp_sock</c>: the tcp_sock behind a socket pointer, or NULL.</summary>
    TcpSock = 96,
    /// <summary><c>bpf_skb_ecn_set_ce</c>: set the ECN congestion-experienced mark on the packet.</summary>
    SkbEcnSetCe = 97,
    /// <summary><c>bpf_get_listener_sock</c>: the listening socket behind a socket, or NULL.</summary>
    GetListenerSock = 98,
    /// <summary><c>bpf_skc_lookup_tcp</c>: look up a TCP socket, including request and time-wait sockets.</summary>
    SkcLookupTcp = 99,
    /// <summary><c>bpf_tcp_check_syncookie</c>: check a TCP SYN cookie.</summary>
    TcpCheckSyncookie = 100,
    /// <summary><c>bpf_sysctl_get_name</c>: the name of the sysctl being accessed.</summary>
    SysctlGetName = 101,
    /// <summary><c>bpf_sysctl_get_current_value</c>: the current value of the sysctl being accessed.</summary>
    SysctlGetCurrentValue = 102,
    /// <summary><c>bpf_sysctl_get_new_value</c>: the new value being written to the sysctl.</summary>
    SysctlGetNewValue = 103,
    /// <summary><c>bpf_sysctl_set_new_value</c>: replace the new value being written to the sysctl.</summary>
    SysctlSetNewValue = 104,
    /// <summary><c>bpf_strtol</c>: parse a signed integer from a string.</summary>
    Strtol = 105,
    /// <summary><c>bpf_strtoul</c>: parse an unsigned integer from a string.</summary>
    Strtoul = 106,
    /// <summary><c>bpf_sk_storage_get</c>: get (optionally create) a socket's local storage.</summary>
    SkStorageGet = 107,
    /// <summary><c>bpf_sk_storage_delete</c>: delete a socket's local storage.</summary>
    SkStorageDelete = 108,
    /// <summary><c>bpf_send_signal</c>: send a signal to the current process.</summary>
    SendSignal = 109,
    /// <summary><c>bpf_tcp_gen_syncookie</c>: generate a TCP SYN cookie.</summary>
    TcpGenSyncookie = 110,
    /// <summary><c>bpf_skb_output</c>: write a record with packet data to a perf event ring buffer.</summary>
    SkbOutput = 111,
    /// <summary><c>bpf_probe_read_user</c>: read user memory safely.</summary>
    ProbeReadUser = 112,
    /// <summary><c>bpf_probe_read_kernel</c>: read kernel memory safely.</summary>
    ProbeReadKernel = 113,
    /// <summary><c>bpf_probe_read_user_str</c>: copy a NUL-terminated string from user memory.</summary>
    ProbeReadUserStr = 114,
    /// <summary><c>bpf_probe_read_kernel_str</c>: copy a NUL-terminated string from kernel memory.</summary>
    ProbeReadKernelStr = 115,
    /// <summary><c>bpf_tcp_send_ack</c>: send a TCP ACK on a socket.</summary>
    TcpSendAck = 116,
    /// <summary><c>bpf_send_signal_thread</c>: send a signal to the current thread.</summary>
    SendSignalThread = 117,
    /// <summary><c>bpf_jiffies64</c>: the kernel jiffies counter as a 64-bit value.</summary>
    Jiffies64 = 118,
    /// <summary><c>bpf_read_branch_records</c>: copy the last branch records of a perf event.</summary>
    ReadBranchRecords = 119,
    /// <summary><c>bpf_get_ns_current_pid_tgid</c>: pid and tgid of the current task in a given pid namespace.</summary>
    GetNsCurrentPidTgid = 120,
    /// <summary><c>bpf_xdp_output</c>: write a record with XDP packet data to a perf event ring buffer.</summary>
    XdpOutput = 121,
    /// <summary><c>bpf_get_netns_cookie</c>: the cookie of the context's network namespace.</summary>
    GetNetnsCookie = 122,
    /// <summary><c>bpf_get_current_ancestor_cgroup_id</c>: the id of an ancestor cgroup of the current task.</summary>
    GetCurrentAncestorCgroupId = 123,
    /// <summary><c>bpf_sk_assign</c>: assign a socket to the packet (socket lookup steering).</summary>
    SkAssign = 124,
    /// <summary><c>bpf_ktime_get_boot_ns</c>: nanoseconds since boot, including suspend (CLOCK_BOOTTIME).</summary>
    KtimeGetBootNs = 125,
    /// <summary><c>bpf_seq_printf</c>: print formatted text to a seq_file (iterator programs).</summary>
    SeqPrintf = 126,
    /// <summary><c>bpf_seq_write</c>: write bytes to a seq_file (iterator programs).</summary>
    SeqWrite = 127,
    /// <summary><c>bpf_sk_cgroup_id</c>: the cgroup v2 id of a socket.</summary>
    SkCgroupId = 128,
    /// <summary><c>bpf_sk_ancestor_cgroup_id</c>: the id of an ancestor cgroup of a socket.</summary>
    SkAncestorCgroupId = 129,
    /// <summary><c>bpf_ringbuf_output</c>: copy a record into a ring buffer.</summary>
    RingbufOutput = 130,
    /// <summary><c>bpf_ringbuf_reserve</c>: reserve space in a ring buffer.</summary>
    RingbufReserve = 131,
    /// <summary><c>bpf_ringbuf_submit</c>: submit a reserved ring-buffer record.</summary>
    RingbufSubmit = 132,
    /// <summary><c>bpf_ringbuf_discard</c>: discard a reserved ring-buffer record.</summary>
    RingbufDiscard = 133,
    /// <summary><c>bpf_ringbuf_query</c>: query a ring buffer's size and positions.</summary>
    RingbufQuery = 134,
    /// <summary><c>bpf_csum_level</c>: get or change the checksum level of the packet.</summary>
    CsumLevel = 135,
    /// <summary><c>bpf_skc_to_tcp6_sock</c>: cast a sock_common pointer to a tcp6_sock, or NULL.</summary>
    SkcToTcp6Sock = 136,
    /// <summary><c>bpf_skc_to_tcp_sock</c>: cast a sock_common pointer to a tcp_sock, or NULL.</summary>
    SkcToTcpSock = 137,
    /// <summary><c>bpf_skc_to_tcp_timewait_sock</c>: cast a sock_common pointer to a tcp_timewait_sock, or NULL.</summary>
    SkcToTcpTimewaitSock = 138,
    /// <summary><c>bpf_skc_to_tcp_request_sock</c>: cast a sock_common pointer to a tcp_request_sock, or NULL.</summary>
    SkcToTcpRequestSock = 139,
    /// <summary><c>bpf_skc_to_udp6_sock</c>: cast a sock_common pointer to a udp6_sock, or NULL.</summary>
    SkcToUdp6Sock = 140,
    /// <summary><c>bpf_get_task_stack</c>: copy a task's kernel or user stack into a buffer.</summary>
    GetTaskStack = 141,
    /// <summary><c>bpf_load_hdr_opt</c>: find a TCP header option in a sock_ops context.</summary>
    LoadHdrOpt = 142,
    /// <summary><c>bpf_store_hdr_opt</c>: write a TCP header option in a sock_ops context.</summary>
    StoreHdrOpt = 143,
    /// <summary><c>bpf_reserve_hdr_opt</c>: reserve space for TCP header options in a sock_ops context.</summary>
    ReserveHdrOpt = 144,
    /// <summary><c>bpf_inode_storage_get</c>: get (optionally create) an inode's local storage.</summary>
    InodeStorageGet = 145,
    /// <summary><c>bpf_inode_storage_delete</c>: delete an inode's local storage.</summary>
    InodeStorageDelete = 146,
    /// <summary><c>bpf_d_path</c>: the full path of a struct path, written into a buffer.</summary>
    DPath = 147,
    /// <summary><c>bpf_copy_from_user</c>: read user memory, possibly sleeping (sleepable programs).</summary>
    CopyFromUser = 148,
    /// <summary><c>bpf_snprintf_btf</c>: print a BTF-typed value into a string buffer.</summary>
    SnprintfBtf = 149,
    /// <summary><c>bpf_seq_printf_btf</c>: print a BTF-typed value to a seq_file.</summary>
    SeqPrintfBtf = 150,
    /// <summary><c>bpf_skb_cgroup_classid</c>: the net_cls class id of the packet's socket (not of the current task).</summary>
    SkbCgroupClassid = 151,
    /// <summary><c>bpf_redirect_neigh</c>: redirect the packet to a device, filling in the L2 neighbour.</summary>
    RedirectNeigh = 152,
    /// <summary><c>bpf_per_cpu_ptr</c>: pointer to a per-CPU kernel variable on a given CPU.</summary>
    PerCpuPtr = 153,
    /// <summary><c>bpf_this_cpu_ptr</c>: pointer to a per-CPU kernel variable on the current CPU.</summary>
    ThisCpuPtr = 154,
    /// <summary><c>bpf_redirect_peer</c>: redirect the packet to the peer device of a veth or netkit pair.</summary>
    RedirectPeer = 155,
    /// <summary><c>bpf_task_storage_get</c>: get (optionally create) a task's local storage.</summary>
    TaskStorageGet = 156,
    /// <summary><c>bpf_task_storage_delete</c>: delete a task's local storage.</summary>
    TaskStorageDelete = 157,
    /// <summary><c>bpf_get_current_task_btf</c>: pointer to the current task_struct, typed by BTF.</summary>
    GetCurrentTaskBtf = 158,
    /// <summary><c>bpf_bprm_opts_set</c>: set binary-program (bprm) options during exec.</summary>
    BprmOptsSet = 159,
    /// <summary><c>bpf_ktime_get_coarse_ns</c>: nanoseconds since boot, coarse-grained (CLOCK_MONOTONIC_COARSE).</summary>
    KtimeGetCoarseNs = 160,
    /// <summary><c>bpf_ima_inode_hash</c>: the IMA hash of an inode.</summary>
    ImaInodeHash = 161,
    /// <summary><c>bpf_sock_from_file</c>: the struct socket behind a struct file, or NULL.</summary>
    SockFromFile = 162,
    /// <summary><c>bpf_check_mtu</c>: check a packet length against a device's MTU.</summary>
    CheckMtu = 163,
    /// <summary><c>bpf_for_each_map_elem</c>: call a callback for each element of a map.</summary>
    ForEachMapElem = 164,
    /// <summary><c>bpf_snprintf</c>: format a string into a buffer.</summary>
    Snprintf = 165,
    /// <summary><c>bpf_sys_bpf</c>: run a bpf() syscall command (syscall programs).</summary>
    SysBpf = 166,
    /// <summary><c>bpf_btf_find_by_name_kind</c>: find a BTF type by name and kind.</summary>
    BtfFindByNameKind = 167,
    /// <summary><c>bpf_sys_close</c>: close a file descriptor (syscall programs).</summary>
    SysClose = 168,
    /// <summary><c>bpf_timer_init</c>: initialise a bpf_timer in a map value.</summary>
    TimerInit = 169,
    /// <summary><c>bpf_timer_set_callback</c>: set the callback of a bpf_timer.</summary>
    TimerSetCallback = 170,
    /// <summary><c>bpf_timer_start</c>: start a bpf_timer.</summary>
    TimerStart = 171,
    /// <summary><c>bpf_timer_cancel</c>: cancel a bpf_timer.</summary>
    TimerCancel = 172,
    /// <summary><c>bpf_get_func_ip</c>: the address of the traced function.</summary>
    GetFuncIp = 173,
    /// <summary><c>bpf_get_attach_cookie</c>: the cookie attached to the program's link.</summary>
    GetAttachCookie = 174,
    /// <summary><c>bpf_task_pt_regs</c>: pointer to a task's saved registers (struct pt_regs).</summary>
    TaskPtRegs = 175,
    /// <summary><c>bpf_get_branch_snapshot</c>: snapshot the hardware branch records into a buffer.</summary>
    GetBranchSnapshot = 176,
    /// <summary><c>bpf_trace_vprintk</c>: print a formatted message with an argument array to the trace pipe.</summary>
    TraceVprintk = 177,
    /// <summary><c>bpf_skc_to_unix_sock</c>: cast a sock_common pointer to a unix_sock, or NULL.</summary>
    SkcToUnixSock = 178,
    /// <summary><c>bpf_kallsyms_lookup_name</c>: the address of a kernel symbol by name.</summary>
    KallsymsLookupName = 179,
    /// <summary><c>bpf_find_vma</c>: find the VMA of a task covering an address and call a callback.</summary>
    FindVma = 180,
    /// <summary><c>bpf_loop</c>: call a callback up to N times (bounded loop).</summary>
    Loop = 181,
    /// <summary><c>bpf_strncmp</c>: compare a string with a constant string, at most N bytes.</summary>
    Strncmp = 182,
    /// <summary><c>bpf_get_func_arg</c>: the Nth argument of the traced function.</summary>
    GetFuncArg = 183,
    /// <summary><c>bpf_get_func_ret</c>: the return value of the traced function.</summary>
    GetFuncRet = 184,
    /// <summary><c>bpf_get_func_arg_cnt</c>: the number of arguments of the traced function.</summary>
    GetFuncArgCnt = 185,
    /// <summary><c>bpf_get_retval</c>: the return value the cgroup hook will report.</summary>
    GetRetval = 186,
    /// <summary><c>bpf_set_retval</c>: set the return value the cgroup hook will report.</summary>
    SetRetval = 187,
    /// <summary><c>bpf_xdp_get_buff_len</c>: the total length of an XDP packet, fragments included.</summary>
    XdpGetBuffLen = 188,
    /// <summary><c>bpf_xdp_load_bytes</c>: copy bytes from an XDP packet into a buffer.</summary>
    XdpLoadBytes = 189,
    /// <summary><c>bpf_xdp_store_bytes</c>: write bytes into an XDP packet.</summary>
    XdpStoreBytes = 190,
    /// <summary><c>bpf_copy_from_user_task</c>: read user memory of another task, possibly sleeping.</summary>
    CopyFromUserTask = 191,
    /// <summary><c>bpf_skb_set_tstamp</c>: set the packet's timestamp and its type.</summary>
    SkbSetTstamp = 192,
    /// <summary><c>bpf_ima_file_hash</c>: the IMA hash of a file.</summary>
    ImaFileHash = 193,
    /// <summary><c>bpf_kptr_xchg</c>: exchange a kptr in a map value with a new pointer.</summary>
    KptrXchg = 194,
    /// <summary><c>bpf_map_lookup_percpu_elem</c>: look up a map element on a given CPU of a per-CPU map.</summary>
    MapLookupPercpuElem = 195,
    /// <summary><c>bpf_skc_to_mptcp_sock</c>: cast a sock_common pointer to an mptcp_sock, or NULL.</summary>
    SkcToMptcpSock = 196,
    /// <summary><c>bpf_dynptr_from_mem</c>: make a dynptr over local memory.</summary>
    DynptrFromMem = 197,
    /// <summary><c>bpf_ringbuf_reserve_dynptr</c>: reserve ring-buffer space as a dynptr.</summary>
    RingbufReserveDynptr = 198,
    /// <summary><c>bpf_ringbuf_submit_dynptr</c>: submit a ring-buffer dynptr record.</summary>
    RingbufSubmitDynptr = 199,
    /// <summary><c>bpf_ringbuf_discard_dynptr</c>: discard a ring-buffer dynptr record.</summary>
    RingbufDiscardDynptr = 200,
    /// <summary><c>bpf_dynptr_read</c>: copy bytes out of a dynptr.</summary>
    DynptrRead = 201,
    /// <summary><c>bpf_dynptr_write</c>: write bytes into a dynptr.</summary>
    DynptrWrite = 202,
    /// <summary><c>bpf_dynptr_data</c>: pointer to a slice of a dynptr's data.</summary>
    DynptrData = 203,
    /// <summary><c>bpf_tcp_raw_gen_syncookie_ipv4</c>: generate a TCP SYN cookie for a raw IPv4 header.</summary>
    TcpRawGenSyncookieIpv4 = 204,
    /// <summary><c>bpf_tcp_raw_gen_syncookie_ipv6</c>: generate a TCP SYN cookie for a raw IPv6 header.</summary>
    TcpRawGenSyncookieIpv6 = 205,
    /// <summary><c>bpf_tcp_raw_check_syncookie_ipv4</c>: check a TCP SYN cookie against a raw IPv4 header.</summary>
    TcpRawCheckSyncookieIpv4 = 206,
    /// <summary><c>bpf_tcp_raw_check_syncookie_ipv6</c>: check a TCP SYN cookie against a raw IPv6 header.</summary>
    TcpRawCheckSyncookieIpv6 = 207,
    /// <summary><c>bpf_ktime_get_tai_ns</c>: nanoseconds of the TAI clock (CLOCK_TAI).</summary>
    KtimeGetTaiNs = 208,
    /// <summary><c>bpf_user_ringbuf_drain</c>: drain samples from a user ring buffer through a callback.</summary>
    UserRingbufDrain = 209,
    /// <summary><c>bpf_cgrp_storage_get</c>: get (optionally create) a cgroup's local storage.</summary>
    CgrpStorageGet = 210,
    /// <summary><c>bpf_cgrp_storage_delete</c>: delete a cgroup's local storage.</summary>
    CgrpStorageDelete = 211,
}
