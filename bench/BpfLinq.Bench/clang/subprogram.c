// skb => ((mix.Invoke(skb.Len, skb.Protocol) ^ mix.Invoke(skb.Protocol, skb.Mark)) & 1) != 0 ? Drop : Pass
// with mix = (a, b) => (a * 31) ^ (b >> 3) ^ (a + b), a subprogram (FunctionInlining.Never; noinline here)
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))

static __attribute__((noinline)) __u32 mix(__u32 a, __u32 b)
{
    return (a * 31) ^ (b >> 3) ^ (a + b);
}

SEC("tc") int subprogram(struct __sk_buff *skb)
{
    return ((mix(skb->len, skb->protocol) ^ mix(skb->protocol, skb->mark)) & 1) != 0 ? 2 : 0;
}
