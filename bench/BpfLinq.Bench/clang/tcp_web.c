// xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 && xdp.Packet.Ipv4.Protocol == IpProtocol.Tcp
//        && (xdp.Packet.Ipv4.Tcp.DestinationPort == 80 || xdp.Packet.Ipv4.Tcp.DestinationPort == 443) ? Pass : Drop
// XDP (XDP_PASS 2, XDP_DROP 1), direct packet access. Each check exits with the verdict the lambda
// gives when a header is absent: views are header-granular, so a header cut short or with IHL
// (data offset) below 5 reads 0.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

__attribute__((section("xdp"), used))
int tcp_web(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || ETH_TYPE(eth) != __builtin_bswap16(ETH_P_IP))
        return XDP_DROP;
    struct iphdr *ip = (void *)(eth + 1);
    /* The IPv4 header's declared end is proven by the TCP header's check after it. */
    if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_TCP)
        return XDP_DROP;
    struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
    if ((void *)(tcp + 1) > data_end || tcp->doff < 5 || (void *)tcp + tcp->doff * 4 > data_end)
        return XDP_DROP;
    return tcp->dest == __builtin_bswap16(80) || tcp->dest == __builtin_bswap16(443) ? XDP_PASS : XDP_DROP;
}
