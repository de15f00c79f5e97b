// skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.SourceIn(s_private) ? Pass : Drop   (s_private = 10.0.0.0/8)
// Socket filter (keep 0xffffffff, drop 0): offset 0 is the IP header (skb->data under
// BPF_PROG_TEST_RUN), read with bpf_skb_load_bytes. One load of the 16 bytes up to the source
// address; header-granular, as the lambda: unless the 20 bytes are there, IHL >= 5 and the
// IHL-declared header is there, the header is absent and its source reads 0, not in 10/8: drop.
#include <linux/bpf.h>

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)BPF_FUNC_skb_load_bytes;

__attribute__((section("socket"), used))
int src_in_net(struct __sk_buff *skb)
{
    struct {
        __u8 version_ihl, tos;
        __be16 tot_len, id, frag_off;
        __u8 ttl, protocol;
        __be16 check;
        __be32 saddr;
    } ip;
    __u8 last;
    if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0 || (ip.version_ihl & 15) < 5
        || bpf_skb_load_bytes(skb, (ip.version_ihl & 15) * 4 - 1, &last, 1) < 0)
        return 0;
    return ip.version_ihl >> 4 == 4 && (__builtin_bswap32(ip.saddr) & 0xff000000) == 0x0a000000 ? 0xffffffff : 0;
}
