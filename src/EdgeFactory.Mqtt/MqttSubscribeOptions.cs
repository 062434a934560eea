namespace EdgeFactory.Mqtt;

/// <summary>MQTT 5 subscription options.</summary>
public sealed record MqttSubscribeOptions
{
    /// <summary>Default options: own messages delivered, retained flag cleared, retained messages sent on subscribe.</summary>
    public static MqttSubscribeOptions Default { get; } = new();

    /// <summary>Do not deliver messages this client published itself.</summary>
    public bool NoLocal { get; init; }

    /// <summary>Keep the retain flag as published instead of clearing it on live delivery.</summary>
    public bool RetainAsPublished { get; init; }

    /// <summary>Do not send retained messages when subscribing.</summary>
    public bool SkipRetained { get; init; }
}
