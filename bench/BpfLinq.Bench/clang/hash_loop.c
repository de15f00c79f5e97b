// { uint h = skb.Hash; for (int i = 0; i < 4; i++) h = h * 31 + skb.Mark; return h; }   (tc, raw integer; a hand-built tree)
#include <linux/bpf.h>
__attribute__((section("tc"), used))
int hash_loop(struct __sk_buff *skb)
{
    __u32 h = skb->hash;
    for (int i = 0; i < 4; i++)
        h = h * 31 + skb->mark;
    return h;
}
