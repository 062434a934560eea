namespace EdgeFactory.Mqtt;

/// <summary>What the broker said when it accepted a connection: whether it kept this client's session.</summary>
/// <param name="SessionPresent">
/// The broker resumed the stored session (subscriptions and queued QoS ≥ 1 messages are still there). When false the
/// broker starts from nothing: the client has re-sent its subscriptions, and retained state it owns may need publishing again.
/// </param>
/// <param name="IsReconnect">Whether this connection replaced a lost one (false for the first <see cref="MqttClient.ConnectAsync"/>).</param>
public readonly record struct MqttConnectedArguments(bool SessionPresent, bool IsReconnect);
