// xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4
//        && (xdp.Packet.Ipv4.Protocol == IpProtocol.Tcp || xdp.Packet.Ipv4.Protocol == IpProtocol.Udp)
//        && xdp.Packet.Length >= 14 + xdp.Packet.Ipv4.HeaderLength + 4
//        && ((xdp.Packet.Ipv4.Source ^ xdp.Packet.Ipv4.Destination ^ xdp.Packet.Ipv4.Tcp.SourcePort ^ xdp.Packet.Ipv4.Tcp.DestinationPort) & 15) == 0 ? Pass : Drop
// XDP, direct packet access: keeps 1 flow in 16 by a hash of addresses and ports (TCP and UDP
// ports sit at the same place). The lambda states the "ports are there" test the C's bounds check
// makes (otherwise a truncated port would hash as 0). Header-granular, as the lambda: an IPv4
// header cut short or with IHL below 5 is absent, and the TCP view's ports read 0 unless a whole TCP
// header (data offset >= 5) is there — on a UDP datagram too, where the view sits over the UDP header.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

__attribute__((section("xdp"), used))
int flow_sample(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || ETH_TYPE(eth) != __builtin_bswap16(ETH_P_IP))
        return XDP_DROP;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->ihl < 5 || (void *)ip + ip->ihl * 4 > data_end
        || (ip->protocol != IPPROTO_TCP && ip->protocol != IPPROTO_UDP))
        return XDP_DROP;
    __be16 *ports = (void *)ip + ip->ihl * 4;
    if ((void *)(ports + 2) > data_end)
        return XDP_DROP;
    /* The lambda reads the ports through the TCP view: 0 unless a whole TCP header is there. */
    struct tcphdr *tcp = (void *)ports;
    __u32 sport = 0, dport = 0;
    if ((void *)(tcp + 1) <= data_end && tcp->doff >= 5 && (void *)tcp + tcp->doff * 4 <= data_end) {
        sport = __builtin_bswap16(tcp->source);
        dport = __builtin_bswap16(tcp->dest);
    }
    __u32 hash = __builtin_bswap32(ip->saddr) ^ __builtin_bswap32(ip->daddr) ^ sport ^ dport;
    return (hash & 15) == 0 ? XDP_PASS : XDP_DROP;
}
