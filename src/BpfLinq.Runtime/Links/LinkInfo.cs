namespace BpfLinq.Runtime;

/// <summary>The kernel's description of a link (<c>struct bpf_link_info</c>, common part and the target).</summary>
/// <param name="Type">The link type.</param>
/// <param name="Id">The kernel-wide link id.</param>
/// <param name="ProgramId">The id of the attached program.</param>
/// <param name="Ifindex">For XDP links, the interface index (0 once the interface is gone).</param>
/// <param name="MapId">For sockmap links, the map id.</param>
public sealed record LinkInfo(LinkType Type, uint Id, uint ProgramId, uint Ifindex, uint MapId);
