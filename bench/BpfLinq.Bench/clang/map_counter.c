// skb => Bpf.Then(counts.Increment(skb.Protocol), Pass)   (tc: TC_ACT_OK = 0)
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def { unsigned int type, key_size, value_size, max_entries, map_flags; };
struct bpf_map_def counts SEC("maps") = { BPF_MAP_TYPE_HASH, 4, 8, 64, 0 };
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, unsigned long long flags) = (void *)2;

SEC("tc") int map_counter(struct __sk_buff *skb)
{
    __u32 key = skb->protocol;
    __u64 *count = bpf_map_lookup_elem(&counts, &key);
    if (count)
    {
        __sync_fetch_and_add(count, 1);
    }
    else
    {
        __u64 one = 1;
        bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
    }
    return 0;
}
