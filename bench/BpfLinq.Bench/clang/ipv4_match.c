// skb => skb.Protocol == 0x0008 && skb.Len >= 34 ? Pass : Drop   (0x0008 is htons(ETH_P_IP) on little-endian)
#include <linux/bpf.h>
#include <linux/if_ether.h>
__attribute__((section("socket"), used))
int ipv4_match(struct __sk_buff *skb)
{
    return skb->protocol == __builtin_bswap16(ETH_P_IP) && skb->len >= 34 ? 0xffffffff : 0;
}
