using System.Runtime.InteropServices;

namespace BpfLinq.Testing;

/// <summary>
/// Runs code without some capabilities, to test EPERM paths as root. Linux capabilities belong to
/// a thread, so the code runs on a fresh thread whose effective set loses the given bits (capset
/// with pid 0); other threads of the test process keep theirs, and the thread ends afterwards.
/// </summary>
public static partial class Capabilities
{
    /// <summary>CAP_NET_ADMIN.</summary>
    public const int NetAdmin = 12;
    /// <summary>CAP_SYS_ADMIN.</summary>
    public const int SysAdmin = 21;
    /// <summary>CAP_PERFMON.</summary>
    public const int Perfmon = 38;
    /// <summary>CAP_BPF.</summary>
    public const int Bpf = 39;

    private const uint Version3 = 0x20080522;

    /// <summary>Runs <paramref name="action"/> on a thread without the given capabilities; rethrows its exception.</summary>
    public static void RunWithout(Action action, params int[] capabilities)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropEffective(capabilities);
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException(failure);
        }
    }

    private static unsafe void DropEffective(int[] capabilities)
    {
        var header = new CapHeader { Version = Version3, Pid = 0 };
        var data = stackalloc CapData[2];
        if (CapGet(&header, data) != 0)
        {
            throw new InvalidOperationException("capget failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }
        foreach (int capability in capabilities)
        {
            data[capability / 32].Effective &= ~(1u << (capability % 32));
        }
        if (CapSet(&header, data) != 0)
        {
            throw new InvalidOperationException("capset failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static unsafe partial int CapGet(CapHeader* header, CapData* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int CapSet(CapHeader* header, CapData* data);
}
