// skb => skb.Mark == 1 ? 10 : skb.Mark == 2 || skb.Mark == 3 ? 20 : skb.Mark == 100 ? 30 : 0   (socket filter, raw integer)
#include <linux/bpf.h>
__attribute__((section("socket"), used))
int mark_switch(struct __sk_buff *skb)
{
    switch (skb->mark) {
    case 1: return 10;
    case 2: case 3: return 20;
    case 100: return 30;
    default: return 0;
    }
}
