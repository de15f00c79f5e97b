// skb => Bpf.Fold(16, 0u, (i, acc) => acc + skb.Packet.U8(14 + i)) > 1000 ? Drop : Pass   (tc; a byte beyond the end reads 0)
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))

SEC("tc") int payload_sum(struct __sk_buff *skb)
{
    unsigned char *data = (unsigned char *)(long)skb->data;
    unsigned char *end = (unsigned char *)(long)skb->data_end;
    __u32 sum = 0;
    for (int i = 0; i < 16; i++)
    {
        if (data + 14 + i + 1 <= end)
        {
            sum += data[14 + i];
        }
    }
    return sum > 1000 ? 2 : 0;
}
