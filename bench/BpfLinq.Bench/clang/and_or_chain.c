// skb => (skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop
#include <linux/bpf.h>
__attribute__((section("socket"), used))
int and_or_chain(struct __sk_buff *skb)
{
    return (skb->len < 6 && skb->protocol == 8) || skb->mark > 100 ? 0xffffffff : 0;
}
