// xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 && xdp.Packet.Ipv4.IsFragment ? Drop : Pass
// XDP, direct packet access: drops IPv4 fragments (more-fragments set or a non-zero offset).
// Header-granular, as the lambda: an IPv4 header cut short or with IHL below 5 is absent and its
// frag_off reads 0 (not a fragment), so that check exits with XDP_PASS.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

__attribute__((section("xdp"), used))
int no_fragments(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || ETH_TYPE(eth) != __builtin_bswap16(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->ihl < 5 || (void *)ip + ip->ihl * 4 > data_end)
        return XDP_PASS;
    return ip->frag_off & __builtin_bswap16(0x3fff) ? XDP_DROP : XDP_PASS;
}
