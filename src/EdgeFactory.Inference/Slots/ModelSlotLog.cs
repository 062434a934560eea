using Microsoft.Extensions.Logging;

namespace EdgeFactory.Inference.Slots;

/// <summary>Log lines of <see cref="ModelSlot"/>.</summary>
internal static partial class ModelSlotLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Model slot {Slot}: version {Version} is live on {Provider} (was {Previous}); load {LoadMs:F1} ms, warm-up {WarmupMs:F1} ms")]
    public static partial void Swapped(ILogger logger, string slot, string version, ExecutionProviderKind provider, string previous, double loadMs, double warmupMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Model slot {Slot}: version {Version} refused ({Code}): {Reason}; {Previous} keeps running")]
    public static partial void Refused(ILogger logger, string slot, string version, OrtErrorCode code, string reason, string previous);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Model slot {Slot}: version {Version} skipped {Provider}: {Reason}")]
    public static partial void ProviderSkipped(ILogger logger, string slot, string version, ExecutionProviderKind provider, string reason);
}
