using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class PassportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-passport-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task KeysPassportVerify_RoundTrip_ThenTamperedByteExitsTwoWithTheCode()
    {
        var keys = Path.Combine(_folder, "keys");
        var package = Path.Combine(_folder, "package");
        var (code, output, _) = await CliProcess.RunAsync("keys", "new", "--out", keys);
        Assert.Equal(0, code);
        var privateKey = Directory.GetFiles(keys, "*.key").Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.Ordinal);

        var eval = Path.Combine(_folder, "eval.json");
        await File.WriteAllTextAsync(eval, """{"dataset":"datasets/pick-eval","metrics":{"success_rate":0.97}}""");
        (code, _, var error) = await CliProcess.RunAsync(
            "model", "passport", TestModels.Generated("policy_mlp_v1.onnx"), "--name", "pick-policy", "--version", "1.0.0", "--key", privateKey,
            "--targets", "jetson-orin-nano,x86-64-cpu", "--eval", eval, "--expires", "30d", "--out", package);
        Assert.True(code == 0, error);
        var passport = await File.ReadAllTextAsync(Path.Combine(package, "passport.json"));
        Assert.Contains("\"obs\"", passport, StringComparison.Ordinal);
        Assert.Contains("success_rate", passport, StringComparison.Ordinal);

        (code, output, _) = await CliProcess.RunAsync("model", "verify", package, "--trust", keys, "--device-type", "x86-64-cpu");
        Assert.Equal(0, code);
        Assert.Equal("ok pick-policy 1.0.0", output.Trim());

        (code, output, _) = await CliProcess.RunAsync("model", "verify", package, "--trust", keys, "--device-type", "jetson-agx-thor");
        Assert.Equal(2, code);
        Assert.Equal("wrong_target", output.Trim());

        (code, output, _) = await CliProcess.RunAsync("model", "verify", package, "--trust", keys, "--installed-version", "1.1.0");
        Assert.Equal(2, code);
        Assert.Equal("rollback", output.Trim());

        var model = Path.Combine(package, "policy_mlp_v1.onnx");
        var bytes = await File.ReadAllBytesAsync(model);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(model, bytes);
        (code, output, error) = await CliProcess.RunAsync("model", "verify", package, "--trust", keys);
        Assert.Equal(2, code);
        Assert.Equal("hash_mismatch", output.Trim());
        Assert.StartsWith("edgefactory: hash_mismatch: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_KeyOfAnotherFactory_IsUntrustedSigner()
    {
        var signer = Path.Combine(_folder, "signer");
        var other = Path.Combine(_folder, "other");
        var package = Path.Combine(_folder, "package");
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "new", "--out", signer)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "new", "--out", other)).ExitCode);
        var (code, _, error) = await CliProcess.RunAsync(
            "model", "passport", TestModels.Generated("policy_mlp_v1.onnx"), "--name", "pick-policy", "--version", "1.0.0",
            "--key", Directory.GetFiles(signer, "*.key").Single(), "--out", package);
        Assert.True(code == 0, error);

        var (verify, output, _) = await CliProcess.RunAsync("model", "verify", package, "--trust", other);

        Assert.Equal(2, verify);
        Assert.Equal("untrusted_signer", output.Trim());
    }

    [Theory]
    [InlineData("model", "passport", "x.onnx", "--name", "n", "--version", "one", "--key", "k", "--out", "o")]
    [InlineData("model", "verify", "dir")]
    [InlineData("keys", "new")]
    public async Task UsageError_ExitsTwoWithAHint(params string[] arguments)
    {
        var (code, _, error) = await CliProcess.RunAsync(arguments);

        Assert.Equal(2, code);
        Assert.Contains("--help' for usage", error, StringComparison.Ordinal);
    }
}
