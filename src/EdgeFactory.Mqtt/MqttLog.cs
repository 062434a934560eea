using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt;

/// <summary>Log lines of the MQTT client; event ids 1000-1099 are stable.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(1000, LogLevel.Information, "MQTT client {ClientId} connected to {Host}:{Port} (broker kept the session: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string clientId, string host, int port, bool sessionPresent);

    [LoggerMessage(1001, LogLevel.Warning, "MQTT client {ClientId} lost its connection to {Host}:{Port} ({Reason}); reconnecting with backoff")]
    public static partial void ConnectionLost(ILogger logger, string clientId, string host, int port, string reason);

    [LoggerMessage(1002, LogLevel.Error, "MQTT client {ClientId} could not reconnect to {Host}:{Port}: {Reason} Next attempt in {DelaySeconds:0.#} s.")]
    public static partial void ReconnectFailed(ILogger logger, string clientId, string host, int port, string reason, double delaySeconds);

    [LoggerMessage(1003, LogLevel.Information, "MQTT client {ClientId} disconnected from {Host}:{Port}")]
    public static partial void Disconnected(ILogger logger, string clientId, string host, int port);

    [LoggerMessage(1004, LogLevel.Debug, "MQTTnet {Source} ({ClientId}): {Text}")]
    public static partial void Library(ILogger logger, string clientId, string source, string text, Exception? error);

    [LoggerMessage(1006, LogLevel.Warning, "MQTT client {ClientId} dropped a message on {Topic}: receive queue full ({Capacity})")]
    public static partial void Dropped(ILogger logger, string clientId, string topic, int capacity);

    [LoggerMessage(1007, LogLevel.Error, "MQTT client {ClientId} could not restore subscription {Filter}")]
    public static partial void ResubscribeFailed(ILogger logger, string clientId, string filter, Exception error);

    [LoggerMessage(1008, LogLevel.Information, "MQTT client {ClientId}: the broker kept no session; {Count} subscription(s) sent again")]
    public static partial void Resubscribed(ILogger logger, string clientId, int count);

    [LoggerMessage(1009, LogLevel.Error, "MQTT client {ClientId} gave up a QoS {Qos} publish to {Topic} after {Attempts} connections lost while it was in flight")]
    public static partial void PublishAbandoned(ILogger logger, string clientId, int qos, string topic, int attempts);
}
