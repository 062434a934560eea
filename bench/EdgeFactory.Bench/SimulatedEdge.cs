using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.ModelDelivery;

namespace EdgeFactory.Bench;

/// <summary>
/// One simulated edge of the fleet rollout: its own MQTT connection and HTTP client for the whole run, and for each
/// rollout a fresh <see cref="ModelDeliveryAgent"/> (real staging and verification) over a fresh folder, with a slot
/// target that loads nothing (no robots).
/// </summary>
internal sealed class SimulatedEdge : IAsyncDisposable, IModelSlotTarget
{
    private readonly MqttClient _mqtt;
    private CancellationTokenSource? _stop;
    private Task? _run;

    private SimulatedEdge(string device, MqttClient mqtt, HttpClient http)
    {
        Device = device;
        _mqtt = mqtt;
        Http = http;
    }

    public string Device { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatedEdge> ConnectAsync(string device, string host, int port)
    {
        var mqtt = new MqttClient(new MqttClientOptions { Host = host, Port = port, ClientId = $"bench-{device}", KeepAlive = TimeSpan.FromSeconds(120) });
        await mqtt.ConnectAsync(CancellationToken.None);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(5) };
        return new SimulatedEdge(device, mqtt, http);
    }

    /// <summary>Starts a fresh agent for <paramref name="site"/> over <paramref name="directory"/>.</summary>
    public void Start(string site, string directory, TrustedKeys factoryKeys, TrustedKeys passportKeys)
    {
        var agent = new ModelDeliveryAgent(
            new ModelDeliveryOptions { Site = site, Device = Device, DeviceType = "x86-64-cpu", Directory = directory },
            _mqtt, Http, factoryKeys, passportKeys, this, TimeProvider.System);
        _stop = new CancellationTokenSource();
        _run = agent.RunAsync(_stop.Token);
    }

    /// <summary>Stops the agent started last.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _run is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        (_stop, _run) = (null, null);
    }

    public Task<string> SwapAsync(string slot, string directory, ModelPassport passport, CancellationToken cancellationToken) => Task.FromResult("none");

    public Task<RunningModel> ResetAsync(string slot, CancellationToken cancellationToken) => Task.FromResult(new RunningModel(slot, slot, "site", "none"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _mqtt.DisposeAsync();
        Http.Dispose();
    }
}
