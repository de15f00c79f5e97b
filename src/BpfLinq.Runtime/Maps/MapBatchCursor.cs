namespace BpfLinq.Runtime;

/// <summary>
/// Where a <see cref="BpfMap.LookupBatch"/> walk stands: the kernel's opaque batch token (a bucket
/// or index, at most a key's size) carried from one call to the next. Start with a new cursor; the
/// walk is over when <see cref="IsComplete"/> is true.
/// </summary>
public sealed class MapBatchCursor
{
    /// <summary>Creates a cursor at the start of a map.</summary>
    public MapBatchCursor()
    {
    }

    /// <summary>True once the kernel reported that the last batch was the final one.</summary>
    public bool IsComplete { get; internal set; }

    /// <summary>False until the first batch was read (<c>in_batch</c> is then null, meaning "from the start").</summary>
    internal bool Started { get; set; }

    /// <summary>The token buffer; sized on first use to hold any token of the map.</summary>
    internal byte[] Token { get; set; } = [];
}
