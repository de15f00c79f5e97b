using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BpfLinq.Testing;

/// <summary>
/// An xunit test framework that fails the run when any fd the runtime opened is still open after
/// the last test. Enable it in a test assembly with
/// <c>[assembly: TestFramework("BpfLinq.Testing.FdLeakCheckingTestFramework", "BpfLinq.Testing")]</c>.
/// </summary>
/// <remarks>
/// xunit 2 has no assembly fixtures, so the check hangs off the assembly runner: it switches the
/// runtime's fd tracking on before the first collection runs and inspects it after the last one
/// (<see cref="FdLeakCheckingTestAssemblyRunner"/>). No GC is forced first: an fd is leaked when no
/// one disposed its handle, and a finalizer closing it would only hide that.
/// </remarks>
public sealed class FdLeakCheckingTestFramework : XunitTestFramework
{
    /// <summary>Created by xunit from the assembly attribute.</summary>
    /// <param name="messageSink">The diagnostic sink.</param>
    public FdLeakCheckingTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new FdLeakCheckingTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
