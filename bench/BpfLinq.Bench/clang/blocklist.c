// ctx => blocked.ContainsKey(ctx.Packet.U32(26)) ? Drop : Pass   (XDP; the IPv4 source, 0 when cut off)
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def { unsigned int type, key_size, value_size, max_entries, map_flags; };
struct bpf_map_def blocked SEC("maps") = { BPF_MAP_TYPE_HASH, 4, 1, 1024, 0 };
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

SEC("xdp") int blocklist(struct xdp_md *ctx)
{
    unsigned char *data = (unsigned char *)(long)ctx->data;
    unsigned char *end = (unsigned char *)(long)ctx->data_end;
    __u32 key = 0;
    if (data + 30 <= end)
    {
        key = __builtin_bswap32(*(__u32 *)(data + 26));
    }
    return bpf_map_lookup_elem(&blocked, &key) ? XDP_DROP : XDP_PASS;
}
