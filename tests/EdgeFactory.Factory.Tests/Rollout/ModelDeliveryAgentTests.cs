using System.Collections.Concurrent;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Tests.Http;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.ModelDelivery;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Rollout;

/// <summary>A device following a real factory over a real broker: assignment, upgrade, revocation, restart without the network.</summary>
public sealed class ModelDeliveryAgentTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _device = Directory.CreateTempSubdirectory("ef-device-").FullName;

    public void Dispose() => Directory.Delete(_device, recursive: true);

    [Fact]
    public async Task Agent_AssignUpgradeRevoke_FallsBackToLastGood_AndRestartsOnItWithoutTheNetwork()
    {
        var target = new RecordingTarget();
        (string Factory, string Signer) keys;
        await using var observer = await broker.ConnectAsync();
        await observer.SubscribeAsync(Topics.EdgeReported("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using (var factory = await TestFactory.StartAsync(broker))
        {
            keys = (factory.Publisher.PublicKeyPem(), factory.Signer.PublicKeyPem());
            Assert.True((await factory.Client.PushAsync(await factory.PackageAsync("1.0.0"), CancellationToken.None)).Succeeded);
            Assert.True((await factory.Client.PushAsync(await factory.PackageAsync("1.1.0"), CancellationToken.None)).Succeeded);
            await using var device = StartAgent(keys, target);

            await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0", "pick"), CancellationToken.None);
            await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "1.0.0"));
            await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.1.0", "pick"), CancellationToken.None);
            await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "1.1.0"));
            await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.1.0", "drops parts"), CancellationToken.None);
            var fallback = await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "1.0.0") && r.Problems is not null);

            Assert.Contains(fallback.Problems!, p => p.Contains("revoked", StringComparison.Ordinal));
            Assert.Equal(["1.0.0", "1.1.0", "1.0.0"], target.Swaps.Select(s => s.Version));
        }

        // The factory is gone; the device restarts from its own disk.
        var restarted = new RecordingTarget();
        await using (StartAgent(keys, restarted))
        {
            await Eventually.TrueAsync(() => restarted.Swaps.Count > 0, "the installed version loaded");
        }

        Assert.Equal("1.0.0", Assert.Single(restarted.Swaps).Version);
    }

    [Fact]
    public async Task Agent_RevokedWithNothingToFallBackTo_RunsTheSiteModel_AndARestartDoesNotBringTheRevokedOneBack()
    {
        var target = new RecordingTarget();
        (string Factory, string Signer) keys;
        await using var observer = await broker.ConnectAsync();
        await observer.SubscribeAsync(Topics.EdgeReported("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using (var factory = await TestFactory.StartAsync(broker))
        {
            keys = (factory.Publisher.PublicKeyPem(), factory.Signer.PublicKeyPem());
            Assert.True((await factory.Client.PushAsync(await factory.PackageAsync("1.0.0"), CancellationToken.None)).Succeeded);
            await using var device = StartAgent(keys, target);

            await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0", "no-such-slot"), CancellationToken.None);
            var unknown = await ReportedAsync(observer, r => r.Problems is not null);
            await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0", "pick"), CancellationToken.None);
            await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "1.0.0"));
            await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.0.0", "drops parts"), CancellationToken.None);
            var reset = await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "site"));

            Assert.Equal(["no-such-slot: pick-policy 1.0.0 unknown_slot"], unknown.Problems);
            Assert.Contains("pick: pick-policy 1.0.0 revoked", reset.Problems!);
            Assert.Equal(["pick"], target.Resets);
        }

        // The factory is gone: the restarted agent restores from disk, then finds the retained desired state it cannot fetch.
        var restarted = new RecordingTarget();
        await using (StartAgent(keys, restarted))
        {
            await ReportedAsync(observer, r => r.Problems?.Contains("pick: pick-policy 1.0.0 download_failed") == true);
        }

        Assert.Empty(restarted.Swaps);
    }

    [Fact]
    public async Task Agent_DownloadFailed_TriesAgainAndRunsIt()
    {
        var target = new RecordingTarget();
        await using var observer = await broker.ConnectAsync();
        await observer.SubscribeAsync(Topics.EdgeReported("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var factory = await TestFactory.StartAsync(broker);
        Assert.True((await factory.Client.PushAsync(await factory.PackageAsync("1.0.0"), CancellationToken.None)).Succeeded);
        var registry = new FailingFirstHandler();
        await using var device = StartAgent((factory.Publisher.PublicKeyPem(), factory.Signer.PublicKeyPem()), target, registry);

        await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0", "pick"), CancellationToken.None);
        // Reports come in order after the refusal: the retained one of an earlier test cannot match the second wait.
        await ReportedAsync(observer, r => r.Problems?.Contains("pick: pick-policy 1.0.0 download_failed") == true);
        var running = await ReportedAsync(observer, r => r.Models.Any(m => m.Version == "1.0.0"));

        Assert.True(running.Healthy);
        Assert.Equal("1.0.0", Assert.Single(target.Swaps).Version);
    }

    private AgentRun StartAgent((string Factory, string Signer) keys, RecordingTarget target, HttpMessageHandler? registry = null)
    {
        var agent = Agent(keys, target, registry, out var mqtt, out var http);
        var stop = new CancellationTokenSource();
        return new AgentRun(agent.RunAsync(stop.Token), stop, mqtt, http);
    }

    private ModelDeliveryAgent Agent((string Factory, string Signer) keys, RecordingTarget target, HttpMessageHandler? registry, out MqttClient mqtt, out HttpClient http)
    {
        mqtt = new MqttClient(broker.ClientOptions());
        mqtt.ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        http = registry is null ? new HttpClient() : new HttpClient(registry);
        return new ModelDeliveryAgent(
            new ModelDeliveryOptions { Site = "line3", Device = "jetson-a", DeviceType = "x86-64-cpu", Directory = _device, DownloadRetry = TimeSpan.FromMilliseconds(100) },
            mqtt,
            http,
            TrustedKeys.FromPem([("factory", keys.Factory)]),
            TrustedKeys.FromPem([("signer", keys.Signer)]),
            target,
            TimeProvider.System);
    }

    private static async Task<ReportedStateMessage> ReportedAsync(MqttClient observer, Func<ReportedStateMessage, bool> match)
    {
        using var message = await Eventually.ReadUntilAsync(
            observer.Messages, m => match(JsonSerializer.Deserialize(m.Payload.Span, ContractsJsonContext.Default.ReportedStateMessage)!), "a matching report", TimeSpan.FromSeconds(30));
        return JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.ReportedStateMessage)!;
    }

    private sealed class RecordingTarget : IModelSlotTarget
    {
        public ConcurrentQueue<ModelPassport> SwapQueue { get; } = new();

        public IReadOnlyList<ModelPassport> Swaps => [.. SwapQueue];

        public Task<string> SwapAsync(string slot, string directory, ModelPassport passport, CancellationToken cancellationToken)
        {
            if (slot != "pick")
            {
                throw new ModelSlotRefusedException(DeliveryRefusals.UnknownSlot, $"No slot {slot}.");
            }

            Assert.True(File.Exists(Path.Combine(directory, passport.Model)));
            SwapQueue.Enqueue(passport);
            return Task.FromResult("cpu");
        }

        public ConcurrentQueue<string> ResetQueue { get; } = new();

        public IReadOnlyList<string> Resets => [.. ResetQueue];

        public Task<RunningModel> ResetAsync(string slot, CancellationToken cancellationToken)
        {
            ResetQueue.Enqueue(slot);
            return Task.FromResult(new RunningModel(slot, slot, "site", "cpu"));
        }
    }

    /// <summary>The registry cannot be reached for the first request; later ones go through.</summary>
    private sealed class FailingFirstHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private int _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _requests) == 1
                ? throw new HttpRequestException("connection refused")
                : base.SendAsync(request, cancellationToken);
    }

    private sealed class AgentRun(Task run, CancellationTokenSource stop, MqttClient mqtt, HttpClient http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationTimedOutException)
            {
                // Stopped, possibly while a subscription was waiting for its grant.
            }
            catch (MQTTnet.Exceptions.MqttCommunicationTimedOutException) when (stop.IsCancellationRequested)
            {
                // Stopped while a subscription was on its way: MQTTnet reports the cancelled wait as a timeout.
            }

            await mqtt.DisposeAsync();
            http.Dispose();
            stop.Dispose();
        }
    }
}
