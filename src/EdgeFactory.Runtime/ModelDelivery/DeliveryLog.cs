using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Log lines of model delivery (event ids 5500–5599).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(5500, LogLevel.Information, "Model delivery: slot {Slot} runs {Model} {Version} from disk, verified again before the first task")]
    public static partial void Restored(ILogger logger, string slot, string model, string version);

    [LoggerMessage(5501, LogLevel.Information, "Model delivery: staging {Model} {Version} for slot {Slot}")]
    public static partial void Staging(ILogger logger, string slot, string model, string version);

    [LoggerMessage(5502, LogLevel.Information, "Model delivery: {Model} {Version} verified; installing it into slot {Slot}")]
    public static partial void Installing(ILogger logger, string slot, string model, string version);

    [LoggerMessage(5503, LogLevel.Information, "Model delivery: slot {Slot} now runs {Model} {Version} on {Provider}")]
    public static partial void Running(ILogger logger, string slot, string model, string version, string provider);

    [LoggerMessage(5504, LogLevel.Warning, "Model delivery refused {Model} {Version} for slot {Slot}: {Code}: {Detail}")]
    public static partial void Refused(ILogger logger, string slot, string model, string version, string code, string? detail);

    [LoggerMessage(5505, LogLevel.Warning, "Model delivery: {Model} {Version} in slot {Slot} is revoked; falling back")]
    public static partial void Revoked(ILogger logger, string slot, string model, string version);

    [LoggerMessage(5506, LogLevel.Warning, "Model delivery cannot reach the broker ({Reason}); the installed versions keep running, trying again in {Delay}")]
    public static partial void BrokerUnreachable(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(5507, LogLevel.Warning, "Model delivery ignored a {What}: {Code}")]
    public static partial void DocumentRefused(ILogger logger, string what, string code);

    [LoggerMessage(5508, LogLevel.Information, "Model delivery follows {Topic} and downloads from {Factory}")]
    public static partial void Following(ILogger logger, string topic, Uri factory);
}
