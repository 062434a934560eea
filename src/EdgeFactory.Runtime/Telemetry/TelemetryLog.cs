using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>Log events of the edge's telemetry (5600–5699).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(5600, LogLevel.Information, "Telemetry: {Window} windows stored in {Path} ({Backlog} not yet acknowledged), published on {Topic}")]
    public static partial void Started(ILogger logger, TimeSpan window, string path, long backlog, string topic);

    [LoggerMessage(5601, LogLevel.Warning, "Telemetry publish failed ({Reason}); windows after {Sequence} are sent again in {Delay}")]
    public static partial void PublishFailed(ILogger logger, string reason, long sequence, TimeSpan delay);

    [LoggerMessage(5602, LogLevel.Warning, "Telemetry store reached its bound of {Bound} windows: {Merged} of the oldest were merged into summaries")]
    public static partial void Compacted(ILogger logger, int bound, int merged);

    [LoggerMessage(5603, LogLevel.Error, "Telemetry window could not be stored: {Reason}; its outcomes are kept for the next window")]
    public static partial void StoreFailed(ILogger logger, string reason, Exception error);
}
