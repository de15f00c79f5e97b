// skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Dscp == 46 ? Pass : Drop
// tc, direct packet access: expedited forwarding (DSCP 46) only. The pull prologue makes the
// 16 bytes read linear.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>

/* eth->h_proto in one u16 load: struct ethhdr is packed, and clang would read it a byte at a time. */
#define ETH_TYPE(eth) (*(__be16 *)((void *)(eth) + 12))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)BPF_FUNC_skb_pull_data;

#define HEADERS 16

__attribute__((section("tc"), used))
int dscp_ef(struct __sk_buff *skb)
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
    if ((void *)(&ip->tos + 1) > data_end)
        return TC_ACT_SHOT;
    return ip->tos >> 2 == 46 ? TC_ACT_OK : TC_ACT_SHOT;
}
