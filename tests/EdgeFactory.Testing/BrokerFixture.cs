using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using Xunit;

namespace EdgeFactory.Testing;

/// <summary>A real Mosquitto on a free loopback port, shared by the tests of one class.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    /// <summary>How the broker runs; persistence on unless a test needs a broker that forgets.</summary>
    public BrokerOptions Options { get; init; } = new();

    /// <summary>The running broker.</summary>
    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("The broker has not started.");

    /// <summary>Options for a client of this broker with a unique id.</summary>
    public MqttClientOptions ClientOptions(string? clientId = null) => new()
    {
        Host = Broker.Host,
        Port = Broker.Port,
        ClientId = clientId ?? $"test-{Guid.NewGuid():N}",
    };

    /// <summary>A connected client; dispose it at the end of the test.</summary>
    public async Task<MqttClient> ConnectAsync(MqttClientOptions? options = null)
    {
        var client = new MqttClient(options ?? ClientOptions());
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _broker = await MosquittoBroker.StartAsync(Options, null, CancellationToken.None);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
