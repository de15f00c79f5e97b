// skb => skb.Packet.Length >= 20 && skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.TotalLength <= skb.Packet.Length ? Pass : Drop
// Socket filter: IPv4 packets whose header's total length fits in what arrived (Ethernet padding
// allowed, truncation not). Packet.Length is skb->len; offset 0 is the IP header.
#include <linux/bpf.h>

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)BPF_FUNC_skb_load_bytes;

__attribute__((section("socket"), used))
int sock_len(struct __sk_buff *skb)
{
    if (skb->len < 20)
        return 0;
    struct {
        __u8 version_ihl, tos;
        __be16 tot_len;
    } ip;
    if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
        return 0;
    return ip.version_ihl >> 4 == 4 && __builtin_bswap16(ip.tot_len) <= skb->len ? 0xffffffff : 0;
}
