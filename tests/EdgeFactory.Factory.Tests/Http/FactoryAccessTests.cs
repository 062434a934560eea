using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Http;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Http;

public sealed class FactoryAccessTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Push_WithoutToken_Is401TokenMissing_WithAWrongOne_Is401TokenInvalid_BothCounted_NothingStored()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var package = await factory.PackageAsync();
        using var anonymous = new HttpClient { BaseAddress = factory.Host.Address };
        using var wrong = new HttpClient { BaseAddress = factory.Host.Address };

        var without = await new FactoryClient(anonymous, "ana").PushAsync(package, CancellationToken.None);
        var withWrong = await new FactoryClient(wrong, "ana", "eft_" + new string('x', 43)).PushAsync(package, CancellationToken.None);
        using var assign = await anonymous.PostAsJsonAsync(new Uri("v1/assignments", UriKind.Relative), new AssignmentRequest("line3", "jetson-a", "pick-policy", "1.0.0"), FactoryJson.Default.AssignmentRequest);
        using var decisions = await anonymous.GetAsync(new Uri("v1/decisions", UriKind.Relative));

        Assert.Equal(AccessRefusals.TokenMissing, without.Code);
        Assert.Equal(AccessRefusals.TokenInvalid, withWrong.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, assign.StatusCode);
        Assert.Equal("Bearer", assign.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, decisions.StatusCode);
        Assert.Equal(3, factory.Host.Access.RefusedMissing);
        Assert.Equal(1, factory.Host.Access.RefusedInvalid);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.Root, "data", "blobs", "sha256"), "*", SearchOption.AllDirectories));
        Assert.Empty(await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task Downloads_NeedNoToken_Decisions_NameTheTokenAndOnWhoseBehalf()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var package = await factory.PackageAsync();
        using var ci = new HttpClient { BaseAddress = factory.Host.Address };
        Assert.True((await new FactoryClient(ci, "ana", factory.Token).PushAsync(package, CancellationToken.None)).Succeeded);
        using var device = new HttpClient { BaseAddress = factory.Host.Address };

        var model = await device.GetByteArrayAsync(new Uri("v1/packages/pick-policy/1.0.0/policy_mlp_v1.onnx", UriKind.Relative));
        var passport = await device.GetStringAsync(new Uri("v1/packages/pick-policy/1.0.0/passport.json", UriKind.Relative));

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"))), SHA256.HashData(model));
        Assert.Contains("pick-policy", passport, StringComparison.Ordinal);
        Assert.Equal("test-actor for ana", Assert.Single(await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None)).Actor);
        Assert.Equal(0, factory.Host.Access.RefusedMissing + factory.Host.Access.RefusedInvalid);
    }

    [Fact]
    public async Task Tokens_FileHoldsOnlyHashes_ABadLineIsNamed_AnIssuedTokenIsFound()
    {
        var folder = Directory.CreateTempSubdirectory("ef-tokens-").FullName;
        try
        {
            var file = Path.Combine(folder, "tokens");
            var token = await ApiTokens.IssueAsync(file, "ci-push", CancellationToken.None);
            await Assert.ThrowsAsync<ArgumentException>(() => ApiTokens.IssueAsync(file, "ci-push", CancellationToken.None));

            var tokens = ApiTokens.Load(file);

            Assert.DoesNotContain(token, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            Assert.Equal("ci-push", tokens.Find(token));
            Assert.Null(tokens.Find(token + "x"));
            await File.AppendAllTextAsync(file, "# comment\nbroken-line\n");
            var error = Assert.Throws<InvalidDataException>(() => ApiTokens.Load(file));
            Assert.Contains("tokens:3", error.Message, StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, "# nothing\n");
            Assert.Throws<InvalidDataException>(() => ApiTokens.Load(file));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
