// skb => skb.Mark >= 1024 && skb.Mark <= 49151 && skb.Priority != 7 ? Pass : Drop   (tc: TC_ACT_OK 0, TC_ACT_SHOT 2)
#include <linux/bpf.h>
__attribute__((section("tc"), used))
int mark_range(struct __sk_buff *skb)
{
    return skb->mark >= 1024 && skb->mark <= 49151 && skb->priority != 7 ? 0 : 2;
}
