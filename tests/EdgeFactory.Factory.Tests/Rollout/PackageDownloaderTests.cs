using System.Net.Http.Headers;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Tests.Http;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Runtime.ModelDelivery;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Rollout;

/// <summary>The edge's downloader against a real factory: what reaches the staging folder, and what does not.</summary>
public sealed class PackageDownloaderTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _staging = Directory.CreateTempSubdirectory("ef-staging-").FullName;

    public void Dispose() => Directory.Delete(_staging, recursive: true);

    [Fact]
    public async Task Stage_PushedPackage_MayRunAndIsByteForByteTheSame()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (package, assignment) = await PushAsync(factory);
        using var http = new HttpClient();

        var verdict = await Downloader(factory, http).StageAsync(assignment, new VerificationPolicy(DeviceType: "x86-64-cpu"), CancellationToken.None);

        Assert.True(verdict.MayRun, verdict.Message);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx")), await File.ReadAllBytesAsync(Path.Combine(_staging, assignment.Sha256, "policy_mlp_v1.onnx")));
    }

    [Fact]
    public async Task Stage_DownloadCutHalfway_ResumesWithARangeAndEndsWithTheSameHash()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (package, assignment) = await PushAsync(factory);
        var model = await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"));
        using var cutting = new CuttingHandler(model.Length / 2);
        using var http = new HttpClient(cutting);
        var downloader = Downloader(factory, http);

        var first = await downloader.StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);
        var second = await downloader.StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(DeliveryRefusals.DownloadFailed, first.Code);
        Assert.True(second.MayRun, second.Message);
        var range = Assert.Single(cutting.Ranges);
        Assert.True(range > 0 && range <= model.Length / 2, $"resumed from {range}");
        Assert.Equal(model, await File.ReadAllBytesAsync(Path.Combine(_staging, assignment.Sha256, "policy_mlp_v1.onnx")));
    }

    [Fact]
    public async Task Stage_StagedPrefixCorruptedBeforeResume_IsHashMismatch_AndTheNextAttemptStartsClean()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (package, assignment) = await PushAsync(factory);
        var model = await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"));
        using var cutting = new CuttingHandler(model.Length / 2);
        using var http = new HttpClient(cutting);
        var downloader = Downloader(factory, http);
        var partial = Path.Combine(_staging, assignment.Sha256, "policy_mlp_v1.onnx.part");

        var cut = await downloader.StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);
        var prefix = await File.ReadAllBytesAsync(partial);
        prefix[prefix.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(partial, prefix);
        var resumed = await downloader.StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);
        var staged = Directory.Exists(Path.Combine(_staging, assignment.Sha256));
        var fresh = await downloader.StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(DeliveryRefusals.DownloadFailed, cut.Code);
        Assert.Equal(PassportErrorCodes.HashMismatch, resumed.Code);
        Assert.False(staged, "the damaged prefix is not kept");
        Assert.Equal([(long)prefix.Length], cutting.Ranges);
        Assert.True(fresh.MayRun, fresh.Message);
        Assert.Equal(model, await File.ReadAllBytesAsync(Path.Combine(_staging, assignment.Sha256, "policy_mlp_v1.onnx")));
    }

    [Theory]
    // /dev/full: the model file's writes meet the runtime's own ENOSPC IOException.
    [InlineData("/dev/full", DeliveryRefusals.DiskFull)]
    // /dev/zero: reads never end and writes vanish; the link's own length is that of its target's name, not what it holds.
    [InlineData("/dev/zero", PassportErrorCodes.LengthMismatch)]
    public async Task Stage_PartialFileIsADevice_RefusedAndNothingStays(string device, string code)
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var http = new HttpClient();
        Directory.CreateDirectory(Path.Combine(_staging, assignment.Sha256));
        File.CreateSymbolicLink(Path.Combine(_staging, assignment.Sha256, "policy_mlp_v1.onnx.part"), device);

        var verdict = await Downloader(factory, http).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.True(verdict.Code == code, $"{verdict.Code}: {verdict.Message}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_staging));
    }

    [Fact]
    public async Task Stage_RegistryServesWrongBytes_IsHashMismatchAndNothingStays()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var http = new HttpClient(new CorruptingHandler());

        var verdict = await Downloader(factory, http).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(PassportErrorCodes.HashMismatch, verdict.Code);
        Assert.False(Directory.Exists(Path.Combine(_staging, assignment.Sha256)));
    }

    [Fact]
    public async Task Stage_DesiredStatePinsAnotherPassport_IsHashMismatchBeforeAnyModelByte()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var http = new HttpClient();

        var verdict = await Downloader(factory, http).StageAsync(assignment with { Sha256 = new string('0', 64) }, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(PassportErrorCodes.HashMismatch, verdict.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_staging));
    }

    [Fact]
    public async Task Stage_OverQuota_RefusedCleanlyBeforeDownloading()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var http = new HttpClient();

        var verdict = await Downloader(factory, http, quota: 1024).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(DeliveryRefusals.DiskQuota, verdict.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_staging));
    }

    [Fact]
    public async Task Stage_RevokedOrRollback_RefusedBeforeDownloading()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var http = new HttpClient();
        var revoked = new RevokedVersions([new ModelRevocation("pick-policy", "1.0.0", "bad", DateTimeOffset.UtcNow)]);

        var refused = await Downloader(factory, http).StageAsync(assignment, new VerificationPolicy(Revoked: revoked), CancellationToken.None);
        var rollback = await Downloader(factory, http).StageAsync(assignment, new VerificationPolicy(InstalledVersion: ModelVersion.Parse("2.0.0")), CancellationToken.None);

        Assert.Equal(PassportErrorCodes.Revoked, refused.Code);
        Assert.Equal(PassportErrorCodes.Rollback, rollback.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_staging));
    }

    [Fact]
    public async Task Stage_SignatureComesWithThePassport_NoSeparateRequestForIt()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var recording = new SignatureHeaderHandler(_ => null);
        using var http = new HttpClient(recording);

        var verdict = await Downloader(factory, http).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.True(verdict.MayRun, verdict.Message);
        Assert.Equal(["passport.json", "policy_mlp_v1.onnx"], recording.Requested);
        Assert.True(File.Exists(Path.Combine(_staging, assignment.Sha256, ModelPackageLayout.SignatureFile)));
    }

    [Fact]
    public async Task Stage_RegistryWithoutTheSignatureHeader_FetchesTheSignatureFileAndMayRun()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (_, assignment) = await PushAsync(factory);
        using var stripping = new SignatureHeaderHandler(_ => string.Empty);
        using var http = new HttpClient(stripping);

        var verdict = await Downloader(factory, http).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.True(verdict.MayRun, verdict.Message);
        Assert.Equal(["passport.json", ModelPackageLayout.SignatureFile, "policy_mlp_v1.onnx"], stripping.Requested);
    }

    [Fact]
    public async Task Stage_SignatureHeaderByAnUntrustedKeyOrNotBase64_RefusedBeforeAnyModelByte()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        var (package, assignment) = await PushAsync(factory);
        using var stranger = SigningKey.Generate();
        var passport = await File.ReadAllTextAsync(Path.Combine(package, ModelPackageLayout.PassportFile));
        using var document = System.Text.Json.JsonDocument.Parse(passport, EdgeFactory.Models.Canonical.CanonicalJson.ReadOptions);
        var forged = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            stranger.Sign(EdgeFactory.Models.Canonical.CanonicalJson.Encode(document.RootElement)), EdgeFactory.Contracts.Json.ContractsJsonContext.Default.DetachedSignature);
        using var forging = new SignatureHeaderHandler(_ => Convert.ToBase64String(forged));
        using var garbling = new SignatureHeaderHandler(_ => "%%not base64%%");
        using var forgedHttp = new HttpClient(forging);
        using var garbledHttp = new HttpClient(garbling);

        var untrusted = await Downloader(factory, forgedHttp).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);
        var malformed = await Downloader(factory, garbledHttp).StageAsync(assignment, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.Equal(PassportErrorCodes.UntrustedSigner, untrusted.Code);
        Assert.Equal(PassportErrorCodes.MalformedPassport, malformed.Code);
        Assert.Equal(["passport.json"], forging.Requested);
        Assert.Equal(["passport.json"], garbling.Requested);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_staging));
    }

    private PackageDownloader Downloader(TestFactory factory, HttpClient http, long quota = 64 << 20) =>
        new(http, new PassportVerifier(TrustedKeys.FromPem([("signer", factory.Signer.PublicKeyPem())]), TimeProvider.System), _staging, quota);

    private static async Task<(string Package, ModelAssignment Assignment)> PushAsync(TestFactory factory)
    {
        var package = await factory.PackageAsync();
        Assert.True((await factory.Client.PushAsync(package, CancellationToken.None)).Succeeded);
        var digest = ModelRegistry.Digest(await File.ReadAllTextAsync(Path.Combine(package, "passport.json")));
        var record = await factory.Host.Registry.Store.FindPackageAsync("pick-policy", "1.0.0", CancellationToken.None);
        Assert.Equal(digest, record?.Digest);
        return (package, new ModelAssignment("pick", "pick-policy", "1.0.0", digest, new Uri(factory.Host.Address, "v1/packages/pick-policy/1.0.0/").ToString()));
    }

    /// <summary>Breaks off the first model download after <c>cutAt</c> bytes, and notes where later requests resume.</summary>
    private sealed class CuttingHandler(int cutAt) : DelegatingHandler(new HttpClientHandler())
    {
        private bool _cut;

        public List<long> Ranges { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Range?.Ranges.FirstOrDefault()?.From is { } from)
            {
                Ranges.Add(from);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (_cut || !request.RequestUri!.AbsolutePath.EndsWith(".onnx", StringComparison.Ordinal))
            {
                return response;
            }

            _cut = true;
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var cutResponse = new HttpResponseMessage(response.StatusCode) { Content = new StreamContent(new BreakingStream(bytes[..cutAt])) };
            foreach (var header in response.Content.Headers)
            {
                cutResponse.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Dispose();
            return cutResponse;
        }
    }

    /// <summary>
    /// Notes the file name of every request; on the passport's response, replaces the signature header with what
    /// <c>replace</c> gives (null keeps it, empty removes it).
    /// </summary>
    private sealed class SignatureHeaderHandler(Func<string, string?> replace) : DelegatingHandler(new HttpClientHandler())
    {
        public List<string> Requested { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!.Segments[^1]);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues(ModelPackageLayout.SignatureHeader, out var values) && replace(string.Concat(values)) is { } replaced)
            {
                response.Headers.Remove(ModelPackageLayout.SignatureHeader);
                if (replaced.Length > 0)
                {
                    response.Headers.TryAddWithoutValidation(ModelPackageLayout.SignatureHeader, replaced);
                }
            }

            return response;
        }
    }

    /// <summary>Serves model bytes with one bit flipped.</summary>
    private sealed class CorruptingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.EndsWith(".onnx", StringComparison.Ordinal))
            {
                return response;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            bytes[bytes.Length / 3] ^= 0x10;
            var corrupted = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(bytes) };
            corrupted.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            response.Dispose();
            return corrupted;
        }
    }

    /// <summary>Reads its bytes, then fails like a connection that was cut.</summary>
    private sealed class BreakingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The connection was cut.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The connection was cut.");
        }
    }
}
