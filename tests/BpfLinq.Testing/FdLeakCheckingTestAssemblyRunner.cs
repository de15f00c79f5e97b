using BpfLinq.Runtime.Native;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BpfLinq.Testing;

/// <summary>
/// Runs all collections with the runtime's fd tracking on, then reports every fd still open as a
/// run-level error (the runner prints it and the run fails) and as a failure in the summary.
/// </summary>
public sealed class FdLeakCheckingTestAssemblyRunner : XunitTestAssemblyRunner
{
    /// <summary>Created by <see cref="FdLeakCheckingTestFrameworkExecutor"/>.</summary>
    /// <param name="testAssembly">The assembly.</param>
    /// <param name="testCases">The test cases to run.</param>
    /// <param name="diagnosticMessageSink">The diagnostic sink.</param>
    /// <param name="executionMessageSink">The execution sink.</param>
    /// <param name="executionOptions">The execution options.</param>
    public FdLeakCheckingTestAssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
    }

    /// <inheritdoc/>
    protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
    {
        FileDescriptorTracker.Enable();
        var summary = await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource).ConfigureAwait(false);
        var leaks = FileDescriptorTracker.OpenDescriptors();
        if (leaks.Count > 0)
        {
            string report = FdLeakReport.Format(leaks);
            messageBus.QueueMessage(new ErrorMessage(TestCases, new FdLeakException(report)));
            summary.Failed++;
            summary.Total++;
        }
        return summary;
    }
}
