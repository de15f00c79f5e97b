// skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp
//        && skb.Packet.StartsWith(14 + skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength, "GET ") ? Pass : Drop
// tc, direct packet access through two variable-length headers, with the pull prologue for
// non-linear packets (at most 14 + 60 + 60 + 4 bytes). With IHL and data offset >= 5 the header
// checks cost nothing in verdicts: the payload lies beyond them. The C drops a packet cut inside the
// TCP header; the lambda would read a data offset of 0 there and compare the ports with "GET " (equal
// only for ports 18245 -> 21536, which no frame of the set has).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/tcp.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)BPF_FUNC_skb_pull_data;

#define HEADERS 138

__attribute__((section("tc"), used))
int http_get(struct __sk_buff *skb)
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
    if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_TCP)
        return TC_ACT_SHOT;
    struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
    if ((void *)(tcp + 1) > data_end)
        return TC_ACT_SHOT;
    void *payload = (void *)tcp + tcp->doff * 4;
    if (payload + 4 > data_end)
        return TC_ACT_SHOT;
    return *(__u32 *)payload == ('G' | 'E' << 8 | 'T' << 16 | ' ' << 24) ? TC_ACT_OK : TC_ACT_SHOT;
}
