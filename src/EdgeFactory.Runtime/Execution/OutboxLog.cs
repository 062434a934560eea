using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>Status outbox log lines.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(5100, LogLevel.Warning, "Status for {Topic} waits for the broker: {Reason}")]
    public static partial void Waiting(ILogger logger, string topic, string reason);

    [LoggerMessage(5101, LogLevel.Warning, "Status event {EventId} was not acknowledged ({Reason}); it is sent again at the next start")]
    public static partial void NotAcknowledged(ILogger logger, long eventId, string reason);

    [LoggerMessage(5102, LogLevel.Warning, "Status for {Topic} came after the outbox closed; it is sent again at the next start")]
    public static partial void Closed(ILogger logger, string topic);
}
