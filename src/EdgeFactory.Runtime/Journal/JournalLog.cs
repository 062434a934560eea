using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Journal;

/// <summary>The journal's log lines.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(3000, LogLevel.Error, "Task journal could not commit {Count} entries ({Reason}); they were not acknowledged")]
    public static partial void WriteFailed(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(3001, LogLevel.Warning, "Task journal could not remove old tasks ({Reason}); it retries at the next purge")]
    public static partial void PurgeFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(3002, LogLevel.Information, "Task journal {Path}: removed {Count} final tasks older than {Retention}")]
    public static partial void Purged(ILogger logger, string path, int count, TimeSpan retention);
}
