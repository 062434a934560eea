namespace EdgeFactory.Runtime.Execution;

/// <summary>How many messages no actor handled since start.</summary>
public sealed class DeadLetterCount
{
    private long _count;

    /// <summary>Dead letters so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one.</summary>
    public void Add() => Interlocked.Increment(ref _count);
}
