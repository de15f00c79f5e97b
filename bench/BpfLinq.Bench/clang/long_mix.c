// skb => ((long)skb.Len * skb.Mark + skb.Hash) >> 7   (tc, raw integer)
#include <linux/bpf.h>
__attribute__((section("tc"), used))
int long_mix(struct __sk_buff *skb)
{
    return ((long)skb->len * skb->mark + skb->hash) >> 7;
}
