namespace BpfLinq.Runtime.Tests.Native;

/// <summary>Tests in this collection run with nothing else in parallel.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}
