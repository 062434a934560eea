using Microsoft.Extensions.Logging;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>Log events of the factory's telemetry ingest and leases (8500–8599).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(8500, LogLevel.Information, "Telemetry ingest on {Filter} with {Workers} workers")]
    public static partial void Listening(ILogger logger, string filter, int workers);

    [LoggerMessage(8501, LogLevel.Warning, "Telemetry on {Topic} refused: {Code} ({Reason})")]
    public static partial void Refused(ILogger logger, string topic, string code, string reason);

    [LoggerMessage(8502, LogLevel.Error, "Telemetry on {Topic} could not be stored: {Reason}; it is not acknowledged and comes again")]
    public static partial void StoreFailed(ILogger logger, string topic, string reason, Exception error);

    [LoggerMessage(8503, LogLevel.Warning, "A batch of {Count} telemetry windows could not be stored at once ({Reason}); storing them one by one")]
    public static partial void BatchFailed(ILogger logger, int count, string reason);

    [LoggerMessage(8510, LogLevel.Information, "Lease {Name} taken by {Holder} (term {Term})")]
    public static partial void LeaseTaken(ILogger logger, string name, string holder, long term);

    [LoggerMessage(8511, LogLevel.Warning, "Lease {Name} lost by {Holder}")]
    public static partial void LeaseLost(ILogger logger, string name, string holder);

    [LoggerMessage(8512, LogLevel.Warning, "Lease {Name} could not be renewed: {Reason}")]
    public static partial void LeaseFailed(ILogger logger, string name, string reason);
}
