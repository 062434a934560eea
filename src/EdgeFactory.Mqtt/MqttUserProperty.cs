namespace EdgeFactory.Mqtt;

/// <summary>An MQTT 5 user property: a name/value pair carried with a message.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Value">Property value.</param>
public readonly record struct MqttUserProperty(string Name, string Value);
