// skb => (skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Udp && skb.Packet.Ipv4.Udp.DestinationPort == 53)
//        || (skb.Packet.Ethernet.Type == EtherType.IPv6 && skb.Packet.Ipv6.NextHeader == IpProtocol.Udp && skb.Packet.Ipv6.Udp.DestinationPort == 53) ? Pass : Drop
// tc (TC_ACT_OK 0, TC_ACT_SHOT 2), direct packet access. The prologue makes the bytes the filter
// may read linear (at most 14 + 60 + 8), as BpfLinq does: a non-linear skb must still be read.
// Header-granular, as the lambda: a header cut short or with IHL below 5 is absent (reads 0).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)BPF_FUNC_skb_pull_data;

#define HEADERS 82

__attribute__((section("tc"), used))
int dns(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    if (data + HEADERS > data_end) {
        __u32 len = skb->len < HEADERS ? skb->len : HEADERS;
        if (data + len > data_end) {
            bpf_skb_pull_data(skb, len);
            data = (void *)(long)skb->data;
            data_end = (void *)(long)skb->data_end;
        }
    }
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return TC_ACT_SHOT;
    if (ETH_TYPE(eth) == __builtin_bswap16(ETH_P_IP)) {
        struct iphdr *ip = (void *)(eth + 1);
        if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_UDP)
            return TC_ACT_SHOT;
        struct udphdr *udp = (void *)ip + ip->ihl * 4;
        if ((void *)(udp + 1) > data_end)
            return TC_ACT_SHOT;
        return udp->dest == __builtin_bswap16(53) ? TC_ACT_OK : TC_ACT_SHOT;
    }
    if (ETH_TYPE(eth) == __builtin_bswap16(ETH_P_IPV6)) {
        struct ipv6hdr *ip6 = (void *)(eth + 1);
        if ((void *)(ip6 + 1) > data_end || ip6->nexthdr != IPPROTO_UDP)
            return TC_ACT_SHOT;
        struct udphdr *udp = (void *)(ip6 + 1);
        if ((void *)(udp + 1) > data_end)
            return TC_ACT_SHOT;
        return udp->dest == __builtin_bswap16(53) ? TC_ACT_OK : TC_ACT_SHOT;
    }
    return TC_ACT_SHOT;
}
