namespace EdgeFactory.Mqtt;

/// <summary>
/// A message received from the broker (or built by a caller). Received messages come from a per-client pool:
/// <see cref="Dispose"/> one when it has been handled and its object carries the next message. A message never disposed
/// is simply collected.
/// </summary>
public sealed class MqttMessage : IDisposable
{
    private readonly MqttMessagePool? _pool;
    private ReadOnlyMemory<byte> _payload;

    /// <summary>A message over <paramref name="payload"/>, outside any pool.</summary>
    public MqttMessage(string topic, ReadOnlyMemory<byte> payload, MqttQos qos, bool retain, MqttMessageProperties? properties)
    {
        Topic = topic;
        _payload = payload;
        Qos = qos;
        Retain = retain;
        Properties = properties;
    }

    internal MqttMessage(MqttMessagePool pool)
    {
        _pool = pool;
        Topic = string.Empty;
    }

    /// <summary>Topic it was published on.</summary>
    public string Topic { get; private set; }

    /// <summary>Payload bytes; valid until the message is disposed.</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>QoS it was delivered with.</summary>
    public MqttQos Qos { get; private set; }

    /// <summary>Whether it came from the broker's retained store.</summary>
    public bool Retain { get; private set; }

    /// <summary>MQTT 5 properties, or null when it had none.</summary>
    public MqttMessageProperties? Properties { get; private set; }

    /// <summary>Whether the message sits in its pool (guarded by the pool's lock).</summary>
    internal bool InPool { get; set; }

    /// <summary>Fills a pooled message; the payload is the array MQTTnet decoded it into, which nothing else holds.</summary>
    internal void Fill(string topic, ReadOnlyMemory<byte> payload, MqttQos qos, bool retain, MqttMessageProperties? properties)
    {
        _payload = payload;
        Topic = topic;
        Qos = qos;
        Retain = retain;
        Properties = properties;
    }

    /// <summary>The acknowledgement held back for the reader (<see cref="MqttClientOptions.AcknowledgeWhenHandled"/>); null when none is owed.</summary>
    internal Func<Task>? PendingAcknowledgement { get; set; }

    /// <summary>
    /// Acknowledges the message to the broker when the client holds acknowledgements back for its reader
    /// (<see cref="MqttClientOptions.AcknowledgeWhenHandled"/>); otherwise it was acknowledged already and this does nothing.
    /// </summary>
    public Task AcknowledgeAsync()
    {
        var pending = PendingAcknowledgement;
        PendingAcknowledgement = null;
        return pending?.Invoke() ?? Task.CompletedTask;
    }

    /// <summary>Returns a received message to its client's pool; using it afterwards reads the next message's data.</summary>
    public void Dispose()
    {
        if (_pool is null)
        {
            return;
        }

        _payload = default;
        Properties = null;
        PendingAcknowledgement = null;
        _pool.Return(this);
    }
}
