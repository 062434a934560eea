using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Http;

public sealed class FactoryApiTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Push_ThenDownloadEveryFile_SameBytesAndStrongETag()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var package = await factory.PackageAsync();

        var outcome = await factory.Client.PushAsync(package, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Message);
        var model = await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"));
        using var response = await factory.Http.GetAsync(new Uri("v1/packages/pick-policy/1.0.0/policy_mlp_v1.onnx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(model, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(model))}\"", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        var passport = await factory.Http.GetStringAsync(new Uri("v1/packages/pick-policy/1.0.0/passport.json", UriKind.Relative));
        Assert.Equal(Canonical(await File.ReadAllTextAsync(Path.Combine(package, "passport.json"))), Canonical(passport));
    }

    [Fact]
    public async Task Download_RangeAndIfNoneMatch_ResumeAndRevalidate()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var package = await factory.PackageAsync();
        await factory.Client.PushAsync(package, CancellationToken.None);
        var model = await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"));
        var uri = new Uri($"v1/blobs/{Convert.ToHexStringLower(SHA256.HashData(model))}", UriKind.Relative);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, uri);
        ranged.Headers.Range = new RangeHeaderValue(100, null);
        using var partial = await factory.Http.SendAsync(ranged);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, uri);
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(model))}\""));
        using var notModified = await factory.Http.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(model[100..], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task PutBlob_BytesNotMatchingTheirHash_RefusedAndNeverServed()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var claimed = new string('a', 64);

        using var put = await factory.Http.PutAsync(new Uri($"v1/blobs/{claimed}", UriKind.Relative), new ByteArrayContent([1, 2, 3]));
        using var get = await factory.Http.GetAsync(new Uri($"v1/blobs/{claimed}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Push_PassportByUntrustedKey_RefusedAndRecorded()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        using var stranger = SigningKey.Generate();
        var package = await factory.PackageAsync(key: stranger);

        var outcome = await factory.Client.PushAsync(package, CancellationToken.None);

        Assert.Equal(PassportErrorCodes.UntrustedSigner, outcome.Code);
        var decisions = await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None);
        var decision = Assert.Single(decisions);
        Assert.Equal(("test-actor", "package.refused"), (decision.Actor, decision.Action));
        Assert.Contains(PassportErrorCodes.UntrustedSigner, decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_FileNeverUploaded_IsMissingFile()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var package = await factory.PackageAsync();

        var outcome = await factory.Host.Registry.PushAsync(
            await File.ReadAllTextAsync(Path.Combine(package, "passport.json")), await File.ReadAllTextAsync(Path.Combine(package, "passport.sig")), "t", CancellationToken.None);

        Assert.Equal(RegistryOutcome.MissingFile, outcome.Code);
        Assert.Empty(await factory.Host.Registry.Store.ListPackagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Push_SameVersionDifferentPassport_IsConflict()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var first = await factory.PackageAsync();
        Assert.True((await factory.Client.PushAsync(first, CancellationToken.None)).Succeeded);
        Assert.True((await factory.Client.PushAsync(first, CancellationToken.None)).Succeeded);

        var second = await factory.PackageAsync();
        File.WriteAllText(Path.Combine(second, "passport.json"), File.ReadAllText(Path.Combine(second, "passport.json")).Replace("\"test\"", "\"someone else\"", StringComparison.Ordinal));
        await PackageWriter.WritePassportAsync(JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(second, "passport.json")), ContractsJsonContext.Default.ModelPassport)!, factory.Signer, second, CancellationToken.None);

        Assert.Equal(RegistryOutcome.Conflict, (await factory.Client.PushAsync(second, CancellationToken.None)).Code);
    }

    [Fact]
    public async Task Assign_PublishesRetainedSignedDesiredState_RevokePublishesTheList_RevokedCannotBeAssignedAgain()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await factory.Client.PushAsync(await factory.PackageAsync(), CancellationToken.None);
        using var trusted = TrustedKeys.FromPem([("factory", factory.Publisher.PublicKeyPem())]);

        var assigned = await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0", "pick"), CancellationToken.None);
        var revoked = await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.0.0", "drops parts at speed"), CancellationToken.None);
        var again = await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-b", "pick-policy", "1.0.0", "pick"), CancellationToken.None);

        Assert.True(assigned.Succeeded, assigned.Message);
        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Equal(PassportErrorCodes.Revoked, again.Code);

        // A device that connects later still gets both, retained, and can check them with the factory's key.
        await using var device = await broker.ConnectAsync();
        await device.SubscribeAsync(Topics.EdgeDesired("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await device.SubscribeAsync(Topics.FleetRevocations, MqttQos.AtLeastOnce, null, CancellationToken.None);
        using var desired = await Eventually.ReadUntilAsync(device.Messages, m => m.Topic.EndsWith("/desired", StringComparison.Ordinal), "desired state");
        using var list = await Eventually.ReadUntilAsync(device.Messages, m => m.Topic == Topics.FleetRevocations && m.Payload.Length > 0 && JsonDocument.Parse(m.Payload).RootElement.GetProperty("revoked").GetArrayLength() == 1, "revocation list");

        Assert.True(desired.Retain);
        Assert.Null(SignedDocuments.Check(desired.Payload.Span, trusted));
        Assert.Null(SignedDocuments.Check(list.Payload.Span, trusted));
        var state = JsonSerializer.Deserialize(desired.Payload.Span, ContractsJsonContext.Default.DesiredModelSetMessage)!;
        var model = Assert.Single(state.Models);
        Assert.Equal(("pick", "pick-policy", "1.0.0"), (model.Slot, model.ModelId, model.Version));
        Assert.StartsWith(factory.Host.Address.ToString(), model.Uri, StringComparison.Ordinal);
        var decisions = await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None);
        Assert.Equal(["package.pushed", "assignment.set", "revocation.added", "assignment.refused"], decisions.Select(d => d.Action));
        Assert.All(decisions, d => Assert.Equal("test-actor", d.Actor));
    }

    [Fact]
    public async Task Factory_OnPostgres_PushesAndAssigns()
    {
        await using var postgres = new PostgresFixtureScope();
        await postgres.Fixture.InitializeAsync();
        await using var factory = await TestFactory.StartAsync(broker, await postgres.Fixture.CreateDatabaseAsync());

        Assert.True((await factory.Client.PushAsync(await factory.PackageAsync(), CancellationToken.None)).Succeeded);
        Assert.True((await factory.Client.AssignAsync(new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0"), CancellationToken.None)).Succeeded);
    }

    private static byte[] Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EdgeFactory.Models.Canonical.CanonicalJson.Encode(document.RootElement);
    }

    private sealed class PostgresFixtureScope : IAsyncDisposable
    {
        public PostgresFixture Fixture { get; } = new();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
