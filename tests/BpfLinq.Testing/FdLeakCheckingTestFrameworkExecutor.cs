using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BpfLinq.Testing;

/// <summary>Runs the assembly with <see cref="FdLeakCheckingTestAssemblyRunner"/>.</summary>
public sealed class FdLeakCheckingTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    /// <summary>Created by <see cref="FdLeakCheckingTestFramework"/>.</summary>
    /// <param name="assemblyName">The test assembly.</param>
    /// <param name="sourceInformationProvider">Source locations for test cases.</param>
    /// <param name="diagnosticMessageSink">The diagnostic sink.</param>
    public FdLeakCheckingTestFrameworkExecutor(
        AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override async void RunTestCases(
        IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
    {
        using var runner = new FdLeakCheckingTestAssemblyRunner(
            TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
        await runner.RunAsync().ConfigureAwait(false);
    }
}
