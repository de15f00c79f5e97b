using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>Ownership of fds: tracking, the finalizer path, and never owning fd 0.</summary>
public class FileDescriptorTests
{
    private static readonly MapCreateOptions s_array = new() { Type = MapType.Array, KeySize = 4, ValueSize = 4, MaxEntries = 1 };

    [KernelFact]
    public void The_tracker_records_where_an_fd_was_opened_until_it_is_disposed()
    {
        FileDescriptorTracker.IsEnabled.ShouldBeTrue("the leak-checking test framework switches tracking on");
        var map = BpfMap.Create(s_array);

        var entry = FileDescriptorTracker.OpenDescriptors().Single(d => d.Fd == map.Fd);
        entry.OpenedAt.ShouldContain(nameof(The_tracker_records_where_an_fd_was_opened_until_it_is_disposed));
        entry.OpenedAt.ShouldContain("BpfMap.Create");

        map.Dispose();
        FileDescriptorTracker.OpenDescriptors().ShouldNotContain(entry);
    }

    [KernelFact]
    public void An_fd_closed_by_the_finalizer_stays_reported_as_a_leak()
    {
        var entry = LeakAMap();

        for (int i = 0; i < 10 && !entry.ClosedByFinalizer; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        try
        {
            entry.ClosedByFinalizer.ShouldBeTrue();
            FileDescriptorTracker.OpenDescriptors().ShouldContain(entry);
        }
        finally
        {
            FileDescriptorTracker.Forget(entry); // this leak is on purpose
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TrackedDescriptor LeakAMap()
    {
        var map = BpfMap.Create(s_array);
        return FileDescriptorTracker.OpenDescriptors().Last(d => d.Fd == map.Fd);
    }
}
