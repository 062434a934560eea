using System.Net;
using System.Security.Cryptography;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class FactoryCommandTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-factory-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RunPushAssignRevoke_FromTheCommandLine()
    {
        var package = await PackageAsync("1.0.0");
        await using var factory = StartFactory();
        var address = (await factory.WaitForLineAsync("ready ")).Split(' ')[1];

        var (anonymous, refusal, _) = await CliProcess.RunAsync("factory", "push", package, "--factory", address);
        Assert.Equal(1, anonymous);
        Assert.Equal("token_missing", refusal.Trim());

        var (push, pushed, error) = await CliProcess.RunAsync("factory", "push", package, "--factory", address, "--actor", "ana", "--token-file", TokenFile);
        Assert.True(push == 0, error);
        Assert.Contains("pick-policy 1.0.0 registered", pushed, StringComparison.Ordinal);

        var (assign, _, assignError) = await CliProcess.RunAsync("factory", "assign", "--model", "pick-policy", "--version", "1.0.0", "--site", "line3", "--device", "jetson-a", "--factory", address, "--token-file", TokenFile);
        Assert.True(assign == 0, assignError);

        var (join, _, joinError) = await CliProcess.RunAsync("factory", "group", "add", "--site", "line3", "--group", "pickers", "--device", "jetson-c", "jetson-d", "--factory", address, "--token-file", TokenFile);
        Assert.True(join == 0, joinError);
        var (assignGroup, toGroup, groupError) = await CliProcess.RunAsync("factory", "assign", "--model", "pick-policy", "--version", "1.0.0", "--site", "line3", "--group", "pickers", "--factory", address, "--token-file", TokenFile);
        Assert.True(assignGroup == 0, groupError);
        Assert.Contains("2 devices", toGroup, StringComparison.Ordinal);
        var (show, shown, _) = await CliProcess.RunAsync("factory", "group", "show", "--site", "line3", "--group", "pickers", "--factory", address, "--token-file", TokenFile);
        Assert.Equal(0, show);
        Assert.Contains("2 devices: jetson-c jetson-d", shown, StringComparison.Ordinal);
        var (both, _, _) = await CliProcess.RunAsync("factory", "assign", "--model", "pick-policy", "--version", "1.0.0", "--site", "line3", "--group", "pickers", "--device", "jetson-a", "--factory", address);
        Assert.Equal(2, both);

        var (revoke, _, _) = await CliProcess.RunAsync("factory", "revoke", "--model", "pick-policy", "--version", "1.0.0", "--reason", "drops parts", "--factory", address, "--token-file", TokenFile);
        Assert.Equal(0, revoke);

        var (again, code, _) = await CliProcess.RunAsync("factory", "assign", "--model", "pick-policy", "--version", "1.0.0", "--site", "line3", "--device", "jetson-b", "--factory", address, "--token-file", TokenFile);
        Assert.Equal(1, again);
        Assert.Equal("revoked", code.Trim());
    }

    [Fact]
    public async Task FactoryKilledMidUpload_ServesNoHalfArtifact_AndComesBackClean()
    {
        var package = await PackageAsync("1.0.0");
        var model = await File.ReadAllBytesAsync(Path.Combine(package, "policy_mlp_v1.onnx"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(model));
        var factory = StartFactory();
        var address = new Uri((await factory.WaitForLineAsync("ready ")).Split(' ')[1]);
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(TokenFile)).Trim());

        // Half the bytes, then the sender stalls until the factory is gone.
        var halfSent = new TaskCompletionSource();
        using var stall = new CancellationTokenSource();
        var upload = http.PutAsync(new Uri($"v1/blobs/{sha}", UriKind.Relative), new StallingContent(model[..(model.Length / 2)], halfSent, stall.Token), stall.Token);
        await halfSent.Task;
        await Eventually.TrueAsync(() => Directory.EnumerateFiles(Path.Combine(_folder, "data", "blobs", "incoming")).Any(f => new FileInfo(f).Length > 0), "a partial upload on disk");
        await factory.KillAsync();
        await stall.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => upload);
        await factory.DisposeAsync();

        await using var restarted = StartFactory();
        var again = new Uri((await restarted.WaitForLineAsync("ready ")).Split(' ')[1]);
        using var http2 = new HttpClient { BaseAddress = again };
        using var response = await http2.GetAsync(new Uri($"v1/blobs/{sha}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder, "data", "blobs"), "*", SearchOption.AllDirectories));
        var (push, _, error) = await CliProcess.RunAsync("factory", "push", package, "--factory", again.ToString(), "--token-file", TokenFile);
        Assert.True(push == 0, error);
    }

    private CliProcess StartFactory() => CliProcess.Start(
        "factory", "run", "--http", "127.0.0.1:0", "--broker", $"mqtt://{broker.Broker.Host}:{broker.Broker.Port}",
        "--key", Directory.GetFiles(Path.Combine(_folder, "factory-key"), "*.key").Single(), "--trust", Path.Combine(_folder, "trust"), "--data", Path.Combine(_folder, "data"),
        "--tokens", Path.Combine(_folder, "tokens"));

    private string TokenFile => Path.Combine(_folder, "ana.token");

    private async Task<string> PackageAsync(string version)
    {
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "new", "--out", Path.Combine(_folder, "factory-key"))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "new", "--out", Path.Combine(_folder, "signer"))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync("factory", "token", "new", "--name", "ana", "--tokens", Path.Combine(_folder, "tokens"), "--out", TokenFile)).ExitCode);
        Directory.CreateDirectory(Path.Combine(_folder, "trust"));
        foreach (var pub in Directory.GetFiles(Path.Combine(_folder, "signer"), "*.pub"))
        {
            File.Copy(pub, Path.Combine(_folder, "trust", Path.GetFileName(pub)));
        }

        var package = Path.Combine(_folder, $"package-{version}");
        var (code, _, error) = await CliProcess.RunAsync(
            "model", "passport", TestModels.Generated("policy_mlp_v1.onnx"), "--name", "pick-policy", "--version", version,
            "--key", Directory.GetFiles(Path.Combine(_folder, "signer"), "*.key").Single(), "--out", package);
        Assert.True(code == 0, error);
        return package;
    }

    /// <summary>Sends its bytes, says so, then never finishes.</summary>
    private sealed class StallingContent(byte[] bytes, TaskCompletionSource sent, CancellationToken stall) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, stall);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
