// skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.Protocol == IpProtocol.Icmp && skb.Packet.Ipv4.Icmp.Type == 8 ? Pass : Drop
// Socket filter: ICMP echo requests. Offset 0 is the IP header; the ICMP type sits after the
// header's IHL words. A failed load means a field that reads 0: drop.
#include <linux/bpf.h>
#include <linux/in.h>

#define ICMP_ECHO 8 /* <linux/icmp.h> pulls in libc headers */

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)BPF_FUNC_skb_load_bytes;

__attribute__((section("socket"), used))
int icmp_echo(struct __sk_buff *skb)
{
    struct {
        __u8 version_ihl, tos;
        __be16 tot_len, id, frag_off;
        __u8 ttl, protocol;
    } ip;
    if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0 || ip.version_ihl >> 4 != 4 || ip.protocol != IPPROTO_ICMP)
        return 0;
    __u8 type;
    if (bpf_skb_load_bytes(skb, (ip.version_ihl & 15) * 4, &type, 1) < 0)
        return 0;
    return type == ICMP_ECHO ? 0xffffffff : 0;
}
