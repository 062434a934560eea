using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt.Broker;

/// <summary>Log lines of the embedded broker; event ids 1100-1199 are stable.</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(1100, LogLevel.Information, "Embedded Mosquitto listening on {Url} (data in {Directory})")]
    public static partial void Started(ILogger logger, string url, string directory);

    [LoggerMessage(1101, LogLevel.Information, "Embedded Mosquitto on {Url} stopped")]
    public static partial void Stopped(ILogger logger, string url);

    [LoggerMessage(1102, LogLevel.Debug, "mosquitto: {Line}")]
    public static partial void Output(ILogger logger, string line);

    [LoggerMessage(1103, LogLevel.Warning, "Port {Port} was taken before Mosquitto could bind it; retrying on another port")]
    public static partial void PortRace(ILogger logger, int port);
}
