using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Intake;

/// <summary>Intake log lines.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(6000, LogLevel.Information, "Site {SiteId} accepts tasks on {SubmitTopic} and cancels on {CancelTopic}")]
    public static partial void Listening(ILogger logger, string siteId, string submitTopic, string cancelTopic);

    [LoggerMessage(6001, LogLevel.Debug, "Rejected {TaskId}: {Code} ({Reason})")]
    public static partial void Rejected(ILogger logger, string taskId, string code, string reason);

    [LoggerMessage(6002, LogLevel.Error, "Task {TaskId} could not be journaled and was not accepted: {Reason}")]
    public static partial void NotJournaled(ILogger logger, string taskId, string reason, Exception exception);

    [LoggerMessage(6003, LogLevel.Warning, "Ignored a message on {Topic}: the intake only handles task submissions and cancels")]
    public static partial void Ignored(ILogger logger, string topic);
}
