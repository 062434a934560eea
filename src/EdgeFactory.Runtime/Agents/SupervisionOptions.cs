namespace EdgeFactory.Runtime.Agents;

/// <summary>How a supervisor treats a crashing agent.</summary>
public sealed record SupervisionOptions
{
    /// <summary>Restarts allowed within <see cref="Window"/>; one more and the agent is faulted.</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>Window over which restarts are counted.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Wait before the first restart; doubles per restart up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the restart wait.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Mailbox capacity; a tell beyond it is a dead letter.</summary>
    public int MailboxCapacity { get; init; } = 65_536;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public SupervisionOptions Validate()
    {
        if (MaxRestarts < 0 || Window <= TimeSpan.Zero || Backoff < TimeSpan.Zero || MaxBackoff < Backoff || MailboxCapacity < 1)
        {
            throw new ArgumentException("Supervision needs MaxRestarts ≥ 0, a positive Window, 0 ≤ Backoff ≤ MaxBackoff and a MailboxCapacity ≥ 1.");
        }

        return this;
    }
}
