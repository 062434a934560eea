using EdgeFactory.Contracts.Models;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Http;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Http;

/// <summary>A factory on a real broker, with its own keys and a folder of packages to push.</summary>
internal sealed class TestFactory : IAsyncDisposable
{
    private TestFactory(string root, FactoryHost host, SigningKey publisher, SigningKey signer, string token)
    {
        Root = root;
        Host = host;
        Publisher = publisher;
        Signer = signer;
        Token = token;
        Http = new HttpClient { BaseAddress = host.Address };
        Client = new FactoryClient(Http, "test-actor", token);
    }

    /// <summary>The bearer token of <c>test-actor</c>, in the factory's tokens file.</summary>
    public string Token { get; }

    public string Root { get; }

    public FactoryHost Host { get; }

    /// <summary>Signs desired states and revocation lists.</summary>
    public SigningKey Publisher { get; }

    /// <summary>Signs passports (trusted by the factory).</summary>
    public SigningKey Signer { get; }

    public HttpClient Http { get; }

    public FactoryClient Client { get; }

    public static async Task<TestFactory> StartAsync(BrokerFixture broker, string? database = null, string? instance = null)
    {
        var root = Directory.CreateTempSubdirectory("ef-factory-").FullName;
        var publisher = SigningKey.Generate();
        var signer = SigningKey.Generate();
        var (publisherKey, _) = publisher.Save(Path.Combine(root, "factory-key"));
        signer.Save(Path.Combine(root, "trust"));
        File.Delete(Path.Combine(root, "trust", signer.KeyId + SigningKey.PrivateKeyExtension));
        var token = await ApiTokens.IssueAsync(Path.Combine(root, "tokens"), "test-actor", CancellationToken.None);
        var host = await FactoryHost.StartAsync(
            new FactoryOptions
            {
                Http = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
                Broker = new Mqtt.MqttBrokerAddress(broker.Broker.Host, broker.Broker.Port, false),
                DataDirectory = Path.Combine(root, "data"),
                Database = database,
                SigningKey = publisherKey,
                TrustDirectory = Path.Combine(root, "trust"),
                TokensFile = Path.Combine(root, "tokens"),
                InstanceId = instance ?? $"test-{Guid.NewGuid():N}",
            },
            null,
            TimeProvider.System,
            CancellationToken.None);
        return new TestFactory(root, host, publisher, signer, token);
    }

    public async Task<string> PackageAsync(string version = "1.0.0", SigningKey? key = null)
    {
        var directory = Path.Combine(Root, "packages", $"{version}-{Guid.NewGuid():N}");
        await PackageWriter.WriteAsync(
            TestModels.Generated("policy_mlp_v1.onnx"),
            new PassportDraft("pick-policy", version, [new PassportTensor("obs", "float32", [1, 64])], [new PassportTensor("action", "float32", [1, 8])], 17, "onnx",
                new PassportProvenance("", "", "test"), ["*"], TimeSpan.FromDays(30)),
            key ?? Signer,
            directory,
            TimeProvider.System,
            CancellationToken.None);
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Publisher.Dispose();
        Signer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
