// skb => (long)((skb.Cb[0] ^ skb.Cb[1]) * 31 + (skb.Mark >> 3))   (tc, raw integer)
#include <linux/bpf.h>
__attribute__((section("tc"), used))
int cb_mix(struct __sk_buff *skb)
{
    return (skb->cb[0] ^ skb->cb[1]) * 31 + (skb->mark >> 3);
}
