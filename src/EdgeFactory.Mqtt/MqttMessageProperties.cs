namespace EdgeFactory.Mqtt;

/// <summary>MQTT 5 properties of a published message.</summary>
public sealed record MqttMessageProperties
{
    /// <summary>MIME type of the payload, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Topic the receiver should answer on (request/response).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Opaque bytes the responder echoes so the requester can match the answer.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>Seconds after which the broker discards the message if undelivered.</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>Whether the payload is declared UTF-8 text (payload format indicator).</summary>
    public bool? PayloadIsUtf8 { get; init; }

    /// <summary>User properties, in order; names may repeat.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Whether any property is set.</summary>
    public bool IsEmpty =>
        ContentType is null && ResponseTopic is null && CorrelationData is null
        && MessageExpiryInterval is null && PayloadIsUtf8 is null && UserProperties.Count == 0;
}
