using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace EdgeFactory.Mqtt;

/// <summary>
/// MQTTnet's own log lines, passed on at Debug only: they name packets and internal steps, while the client's own
/// lines explain failures. MQTTnet formats nothing while <see cref="IsEnabled"/> is false.
/// </summary>
internal sealed class MqttNetLog(ILogger logger, string clientName) : IMqttNetLogger
{
    /// <inheritdoc />
    public bool IsEnabled { get; } = logger.IsEnabled(LogLevel.Debug);

    /// <inheritdoc />
    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        if (!IsEnabled)
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parameters) : message;
        MqttLog.Library(logger, clientName, source, text, exception);
    }
}
