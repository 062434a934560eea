using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Runtime.ModelDelivery;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Rollout;

/// <summary>The edge's installed packages: fallback to the last good version, and restarts without the network.</summary>
public sealed class InstalledModelsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ef-installed-").FullName;
    private readonly SigningKey _key = SigningKey.Generate();
    private readonly TrustedKeys _trusted;

    public InstalledModelsTests() => _trusted = TrustedKeys.FromPem([("k", _key.PublicKeyPem())]);

    public void Dispose()
    {
        _key.Dispose();
        _trusted.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Resolve_CurrentRevoked_FallsBackToTheLastGoodVersion_AndRemembersIt()
    {
        var installed = Open();
        var v1 = await InstallAsync(installed, "1.0.0");
        var v2 = await InstallAsync(installed, "1.1.0");
        var revoked = new RevokedVersions([new ModelRevocation("pick-policy", "1.1.0", "drops parts", DateTimeOffset.UtcNow)]);

        var chosen = await installed.ResolveAsync(new VerificationPolicy(Revoked: revoked), CancellationToken.None);

        Assert.Equal(v1, chosen["pick"].Digest);
        Assert.Equal("1.0.0", chosen["pick"].Verdict.Passport!.Version);
        Assert.Equal(v1, Assert.Single(Open().Slots).Current);
        Assert.NotEqual(v2, v1);
    }

    [Fact]
    public async Task Resolve_AfterRestart_ComesBackOnTheLastVerifiedVersionWithoutTheNetwork()
    {
        var installed = Open();
        await InstallAsync(installed, "1.0.0");
        var v2 = await InstallAsync(installed, "1.1.0");

        var chosen = await Open().ResolveAsync(VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(v2, chosen["pick"].Digest);
    }

    [Fact]
    public async Task Resolve_InstalledModelTamperedOnDisk_FallsBack()
    {
        var installed = Open();
        var v1 = await InstallAsync(installed, "1.0.0");
        var v2 = await InstallAsync(installed, "1.1.0");
        var model = Path.Combine(installed.DirectoryOf(v2), "policy_mlp_v1.onnx");
        var bytes = await File.ReadAllBytesAsync(model);
        bytes[10] ^= 1;
        await File.WriteAllBytesAsync(model, bytes);

        var chosen = await Open().ResolveAsync(VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(v1, chosen["pick"].Digest);
    }

    [Fact]
    public async Task Open_KilledMidSwap_HalfWrittenTableAndUnrecordedPackage_ComesBackOnTheVerifiedVersion()
    {
        var installed = Open();
        var v1 = await InstallAsync(installed, "1.0.0");
        // The state a SIGKILL can leave: the next package moved in, its table half written and never renamed.
        var staged = await StageAsync("1.1.0");
        Directory.Move(staged.Directory, installed.DirectoryOf(staged.Digest));
        await File.WriteAllTextAsync(Path.Combine(_root, "slots.json.tmp"), "[{\"slot\":\"pick\",\"curr");

        var chosen = await Open().ResolveAsync(VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(v1, chosen["pick"].Digest);
    }

    private InstalledModels Open() => new(_root, new PassportVerifier(_trusted, TimeProvider.System));

    private async Task<string> InstallAsync(InstalledModels installed, string version)
    {
        var (directory, digest) = await StageAsync(version);
        await installed.InstallAsync("pick", digest, directory, CancellationToken.None);
        return digest;
    }

    private async Task<(string Directory, string Digest)> StageAsync(string version)
    {
        var directory = Path.Combine(_root, "staging", Guid.NewGuid().ToString("N"));
        await PackageWriter.WriteAsync(
            TestModels.Generated("policy_mlp_v1.onnx"),
            new PassportDraft("pick-policy", version, [new PassportTensor("obs", "float32", [1, 64])], [new PassportTensor("action", "float32", [1, 8])], 17, "onnx",
                new PassportProvenance("", "", "test"), ["*"], TimeSpan.FromDays(30)),
            _key,
            directory,
            TimeProvider.System,
            CancellationToken.None);
        return (directory, ModelRegistry.Digest(await File.ReadAllTextAsync(Path.Combine(directory, "passport.json"))));
    }
}
