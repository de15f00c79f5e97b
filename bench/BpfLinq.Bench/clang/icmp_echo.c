// skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.Protocol == IpProtocol.Icmp && skb.Packet.Ipv4.Icmp.Type == 8 ? Pass : Drop
// Socket filter: ICMP echo requests. Offset 0 is the IP header; the ICMP type sits after the
// header's IHL words. Header-granular, as the lambda: the IPv4 header needs its 20 bytes and IHL >= 5,
// the ICMP header its first 8 bytes; a failed load means a field that reads 0: drop.
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
    if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0 || ip.version_ihl >> 4 != 4 || (ip.version_ihl & 15) < 5
        || ip.protocol != IPPROTO_ICMP)
        return 0;
    /* The ICMP header's first 8 bytes, which also prove the IPv4 header's declared end. */
    __u8 icmp[8];
    if (bpf_skb_load_bytes(skb, (ip.version_ihl & 15) * 4, icmp, sizeof(icmp)) < 0)
        return 0;
    return icmp[0] == ICMP_ECHO ? 0xffffffff : 0;
}
