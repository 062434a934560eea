using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt;

/// <summary>Log lines of the MQTT client; event ids 1000-1099 are stable.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(1000, LogLevel.Information, "MQTT client {ClientId} connected to {Host}:{Port}")]
    public static partial void Connected(ILogger logger, string clientId, string host, int port);

    [LoggerMessage(1001, LogLevel.Warning, "MQTT client {ClientId} lost its connection to {Host}:{Port} ({Reason}); reconnecting with backoff")]
    public static partial void ConnectionLost(ILogger logger, string clientId, string host, int port, string reason);

    [LoggerMessage(1002, LogLevel.Error, "MQTT client {ClientId} was refused by {Host}:{Port}: {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, string host, int port, string reason);

    [LoggerMessage(1003, LogLevel.Information, "MQTT client {ClientId} disconnected from {Host}:{Port}")]
    public static partial void Disconnected(ILogger logger, string clientId, string host, int port);

    [LoggerMessage(1004, LogLevel.Debug, "libmosquitto ({ClientId}): {Text}")]
    public static partial void Library(ILogger logger, string clientId, string text);

    [LoggerMessage(1005, LogLevel.Warning, "libmosquitto ({ClientId}): {Text}")]
    public static partial void LibraryWarning(ILogger logger, string clientId, string text);

    [LoggerMessage(1006, LogLevel.Warning, "MQTT client {ClientId} dropped a message on {Topic}: receive queue full ({Capacity})")]
    public static partial void Dropped(ILogger logger, string clientId, string topic, int capacity);

    [LoggerMessage(1007, LogLevel.Error, "MQTT client {ClientId} could not restore subscription {Filter}")]
    public static partial void ResubscribeFailed(ILogger logger, string clientId, string filter, Exception error);
}
