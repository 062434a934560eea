using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Agents;

/// <summary>Supervision log lines.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(4000, LogLevel.Warning, "Agent {Agent} crashed ({Reason}); restart {Restart} of {MaxRestarts} within {Window} in {Backoff}")]
    public static partial void Restarting(ILogger logger, string agent, string reason, int restart, int maxRestarts, TimeSpan window, TimeSpan backoff, Exception exception);

    [LoggerMessage(4001, LogLevel.Error, "Agent {Agent} crashed {Restarts} times within {Window} and is faulted: {Reason}. Fix the cause and restart the edge to bring it back")]
    public static partial void Faulted(ILogger logger, string agent, int restarts, TimeSpan window, string reason, Exception exception);

    [LoggerMessage(4002, LogLevel.Error, "Agent {Agent} failed while stopping: {Reason}")]
    public static partial void StopFailed(ILogger logger, string agent, string reason, Exception exception);
}
