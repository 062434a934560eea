using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Agents;

/// <summary>Messages no agent will handle (its mailbox was full, or it was faulted or stopped): logged and counted.</summary>
public sealed partial class DeadLetters(ILogger<DeadLetters> logger)
{
    private long _count;

    /// <summary>Dead letters so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one.</summary>
    public void Add(string agent, object message, string why)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _count);
        AgentMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("agent", agent));
        Logged(logger, agent, message.GetType().Name, why);
    }

    [LoggerMessage(4003, LogLevel.Warning, "Dead letter for agent {Agent}: {MessageType} ({Why})")]
    private static partial void Logged(ILogger logger, string agent, string messageType, string why);
}
