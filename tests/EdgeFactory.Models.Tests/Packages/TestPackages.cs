using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Models.Tests.Packages;

/// <summary>Signed packages of a generated policy model in a temporary folder, and ways to tamper with them.</summary>
internal sealed class TestPackages : IDisposable
{
    public TestPackages()
    {
        Key = SigningKey.Generate();
        Trusted = TrustedKeys.FromPem([("test", Key.PublicKeyPem())]);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("ef-packages-").FullName;

    public SigningKey Key { get; }

    public TrustedKeys Trusted { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public static PassportDraft Draft(string version = "1.2.0", IReadOnlyList<string>? targets = null) => new(
        "pick-policy",
        version,
        [new PassportTensor("observation", "float32", [1, 16])],
        [new PassportTensor("actions", "float32", [1, 8, 6])],
        17,
        "onnx 1.17",
        new PassportProvenance("git+ssh://git.local/policies@4c1e2f0", "datasets/pick-2026-10", "manipulation-team"),
        targets ?? ["jetson-orin-nano", "x86-64-cpu"],
        TimeSpan.FromDays(90),
        new PassportEvaluation("datasets/pick-eval", new Dictionary<string, double> { ["success_rate"] = 0.973 }));

    public PassportVerifier Verifier() => new(Trusted, Time);

    public async Task<string> WriteAsync(PassportDraft? draft = null, SigningKey? key = null)
    {
        var directory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        await PackageWriter.WriteAsync(TestModels.Generated("policy_mlp_v1.onnx"), draft ?? Draft(), key ?? Key, directory, Time, CancellationToken.None);
        return directory;
    }

    /// <summary>Rewrites passport.json with <paramref name="edit"/> applied, without signing it again.</summary>
    public static void EditPassport(string directory, Action<JsonObject> edit)
    {
        var path = Path.Combine(directory, ModelPackageLayout.PassportFile);
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    /// <summary>Replaces passport.json with <paramref name="json"/> and signs it with <paramref name="key"/> (the trusted key unless given).</summary>
    public void SignRaw(string directory, string json, SigningKey? key = null)
    {
        File.WriteAllText(Path.Combine(directory, ModelPackageLayout.PassportFile), json);
        using var document = JsonDocument.Parse(json, CanonicalJson.ReadOptions);
        var signature = (key ?? Key).Sign(CanonicalJson.Encode(document.RootElement));
        File.WriteAllText(Path.Combine(directory, ModelPackageLayout.SignatureFile), JsonSerializer.Serialize(signature, ContractsJsonContext.Default.DetachedSignature));
    }

    /// <summary>Edits passport.json and signs it again with the trusted key: a well-signed passport that says something else.</summary>
    public void EditAndSign(string directory, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ModelPackageLayout.PassportFile)))!.AsObject();
        edit(node);
        SignRaw(directory, node.ToJsonString());
    }

    public static void FlipByte(string path, long offset)
    {
        using var stream = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x01));
    }

    public static string Text(string directory, string file) => File.ReadAllText(Path.Combine(directory, file), Encoding.UTF8);

    public void Dispose()
    {
        Key.Dispose();
        Trusted.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
