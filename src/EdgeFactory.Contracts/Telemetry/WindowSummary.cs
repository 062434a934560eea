namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Present when a message stands for several windows the edge merged to stay within its store's bound.</summary>
/// <param name="FirstSequence">Sequence of the first window merged; the message's own sequence is the last.</param>
/// <param name="Windows">How many windows were merged.</param>
public sealed record WindowSummary(long FirstSequence, long Windows);
