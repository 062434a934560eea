namespace EdgeFactory.Mqtt;

/// <summary>Why an established connection ended, as far as the broker or the socket said.</summary>
/// <param name="ReasonCode">The MQTT 5 reason code of the broker's DISCONNECT (0 when it sent none, e.g. the socket closed).</param>
/// <param name="Reason">The broker's reason string, or the transport's error, for people.</param>
/// <param name="SessionTakenOver">
/// The broker ended it because another client connected with this client's id (reason code 0x8E): reconnecting would
/// take the session back and start a fight between the two.
/// </param>
public readonly record struct MqttConnectionLostArguments(int ReasonCode, string Reason, bool SessionTakenOver);
