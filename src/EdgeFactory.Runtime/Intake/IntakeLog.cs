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

    [LoggerMessage(6004, LogLevel.Warning, "Rejected a malformed message on {Topic} ({Length} bytes) as invalid_json: {Reason} Payload starts: {Hex}")]
    public static partial void Malformed(ILogger logger, string topic, int length, string reason, string hex);

    [LoggerMessage(6005, LogLevel.Error, "Handling a message on {Topic} ({Length} bytes) failed: {Reason}; it was answered with internal_error and the intake goes on. Payload starts: {Hex}")]
    public static partial void HandlerFailed(ILogger logger, string topic, int length, string hex, string reason, Exception exception);

    [LoggerMessage(6006, LogLevel.Error, "A failed message on {Topic} could not be answered either: {Reason}")]
    public static partial void NotAnswered(ILogger logger, string topic, string reason, Exception exception);

    [LoggerMessage(6007, LogLevel.Warning, "Ignored response topic '{ResponseTopic}': {Why}; statuses go to the task's status topic only")]
    public static partial void ReplyTopicRefused(ILogger logger, string responseTopic, string why);
}
