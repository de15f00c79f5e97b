// xdp => xdp.Packet.Ethernet.Vlans(2).Type == EtherType.IPv4 && xdp.Packet.Ethernet.Vlans(2).Ipv4.Protocol == IpProtocol.Udp
//        && xdp.Packet.Ethernet.Vlans(2).Ipv4.Udp.DestinationPort == 4789 ? Pass : Drop
// XDP, direct packet access: up to two 802.1Q/802.1AD tags skipped, then IPv4 UDP to VXLAN's port.
// Header-granular, as the lambda: a tag counts only when the header with it is whole, and an IPv4
// header cut short or with IHL below 5 is absent (reads 0).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

struct vlan_hdr {
    __be16 tci;
    __be16 encapsulated_proto;
};

__attribute__((section("xdp"), used))
int vlan_udp(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    __be16 proto = ETH_TYPE(eth);
    void *l3 = eth + 1;
#pragma unroll
    for (int i = 0; i < 2; i++) {
        if (proto != __builtin_bswap16(ETH_P_8021Q) && proto != __builtin_bswap16(ETH_P_8021AD))
            break;
        struct vlan_hdr *vlan = l3;
        /* A tag counts only when the header with it (and the EtherType after it) is whole. */
        if ((void *)(vlan + 1) > data_end)
            break;
        proto = vlan->encapsulated_proto;
        l3 = vlan + 1;
    }
    if (proto != __builtin_bswap16(ETH_P_IP))
        return XDP_DROP;
    struct iphdr *ip = l3;
    if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_UDP)
        return XDP_DROP;
    struct udphdr *udp = (void *)ip + ip->ihl * 4;
    if ((void *)(udp + 1) > data_end)
        return XDP_DROP;
    return udp->dest == __builtin_bswap16(4789) ? XDP_PASS : XDP_DROP;
}
