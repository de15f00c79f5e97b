// skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.Syn
//        && !skb.Packet.Ipv4.Tcp.Ack && s_services.Contains(skb.Packet.Ipv4.Tcp.DestinationPort) ? Pass : Drop
//        (s_services = new PortRange(8000, 8999))
// tc, direct packet access, with the pull prologue for non-linear packets (at most 14 + 60 + 60 bytes:
// the TCP header's declared end). Header-granular, as the lambda: a header cut short or with IHL
// (data offset) below 5 is absent (reads 0).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/tcp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)BPF_FUNC_skb_pull_data;

#define HEADERS 134

__attribute__((section("tc"), used))
int syn_range(struct __sk_buff *skb)
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
    if ((void *)(eth + 1) > data_end || ETH_TYPE(eth) != __builtin_bswap16(ETH_P_IP))
        return TC_ACT_SHOT;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->ihl < 5 || ip->protocol != IPPROTO_TCP)
        return TC_ACT_SHOT;
    struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
    if ((void *)(tcp + 1) > data_end || tcp->doff < 5 || (void *)tcp + tcp->doff * 4 > data_end || !tcp->syn || tcp->ack)
        return TC_ACT_SHOT;
    __u16 port = __builtin_bswap16(tcp->dest);
    return port >= 8000 && port <= 8999 ? TC_ACT_OK : TC_ACT_SHOT;
}
