// skb => skb.Priority != 0 ? skb.Mark / skb.Priority : 0   (tc, raw integer)
#include <linux/bpf.h>
__attribute__((section("tc"), used))
int guarded_div(struct __sk_buff *skb)
{
    return skb->priority ? skb->mark / skb->priority : 0;
}
