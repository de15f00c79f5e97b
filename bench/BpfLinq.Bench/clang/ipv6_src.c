// xdp => xdp.Packet.Ethernet.Type == EtherType.IPv6 && xdp.Packet.Ipv6.SourceIn(s_documentation) && xdp.Packet.Ipv6.HopLimit > 1 ? Pass : Drop
//        (s_documentation = 2001:db8::/32)
// XDP, direct packet access. Header-granular, as the lambda: the IPv6 header is absent (every field
// 0, the source ::) unless all 40 bytes are there, so one check covers the whole header.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ipv6.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

__attribute__((section("xdp"), used))
int ipv6_src(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || ETH_TYPE(eth) != __builtin_bswap16(ETH_P_IPV6))
        return XDP_DROP;
    struct ipv6hdr *ip6 = (void *)(eth + 1);
    if ((void *)(ip6 + 1) > data_end)
        return XDP_DROP;
    return ip6->saddr.in6_u.u6_addr32[0] == __builtin_bswap32(0x20010db8) && ip6->hop_limit > 1 ? XDP_PASS : XDP_DROP;
}
