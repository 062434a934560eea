namespace EdgeFactory.Mqtt;

/// <summary>An MQTT operation failed; <see cref="Code"/> says how, the message says what to do.</summary>
public sealed class MqttException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttException(MqttErrorCode code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>Stable error code.</summary>
    public MqttErrorCode Code { get; }
}
