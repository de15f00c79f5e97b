namespace BpfLinq;

// C string comparison over byte arrays, the end of an array counting as its NUL: the managed twin of
// bpf_strncmp and bpf_strcmp, which return -1, 0 or 1 as the kernel's strncmp does.
internal static class CStrings
{
    public static int Compare(byte[] a, byte[] b, int length)
    {
        for (var i = 0; i < length; i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
            if (x == 0)
            {
                return 0;
            }
        }
        return 0;
    }
}
