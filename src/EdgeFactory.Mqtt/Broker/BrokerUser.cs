namespace EdgeFactory.Mqtt.Broker;

/// <summary>A user the embedded broker accepts, with the topics it may read and write.</summary>
/// <param name="Name">User name.</param>
/// <param name="Password">Password; stored only as a PBKDF2 hash in the broker's password file.</param>
/// <param name="ReadWrite">Topic patterns the user may publish and subscribe to.</param>
/// <param name="Read">Topic patterns the user may only subscribe to.</param>
/// <param name="Write">Topic patterns the user may only publish to.</param>
public sealed record BrokerUser(
    string Name,
    string Password,
    IReadOnlyList<string>? ReadWrite = null,
    IReadOnlyList<string>? Read = null,
    IReadOnlyList<string>? Write = null);
