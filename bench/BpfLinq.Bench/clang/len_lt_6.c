// skb => skb.Len < 6 ? Pass : Drop   (socket filter: keep all = 0xffffffff, drop = 0)
#include <linux/bpf.h>
__attribute__((section("socket"), used))
int len_lt_6(struct __sk_buff *skb)
{
    return skb->len < 6 ? 0xffffffff : 0;
}
