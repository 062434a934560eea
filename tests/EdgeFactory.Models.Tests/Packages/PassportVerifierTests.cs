using System.Text.Json.Nodes;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Models.Tests.Packages;

public sealed class PassportVerifierTests : IDisposable
{
    private readonly TestPackages _packages = new();

    [Fact]
    public async Task Verify_IntactPackage_MayRun()
    {
        var directory = await _packages.WriteAsync();

        var verdict = await Verify(directory, new VerificationPolicy(DeviceType: "jetson-orin-nano"));

        Assert.True(verdict.MayRun, verdict.Message);
        Assert.Equal("pick-policy", verdict.Passport!.Name);
        Assert.Equal("1.2.0", verdict.Passport.Version);
    }

    [Fact]
    public async Task Verify_PassportReindentedAndReordered_StillMayRun()
    {
        var directory = await _packages.WriteAsync();
        TestPackages.EditPassport(directory, node =>
        {
            var members = node.ToList();
            node.Clear();
            foreach (var (name, value) in members.AsEnumerable().Reverse())
            {
                node[name] = value?.DeepClone();
            }
        });

        Assert.True((await Verify(directory)).MayRun);
    }

    [Fact]
    public async Task VerifyPinned_PinOfTheCanonicalPassport_MayRunEvenReindented()
    {
        var directory = await _packages.WriteAsync();
        var passport = await File.ReadAllBytesAsync(Path.Combine(directory, ModelPackageLayout.PassportFile));
        var signature = await File.ReadAllBytesAsync(Path.Combine(directory, ModelPackageLayout.SignatureFile));
        var pin = Pin(passport);
        var reindented = System.Text.Encoding.UTF8.GetBytes(JsonNode.Parse(passport)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var verdict = _packages.Verifier().VerifyPinnedPassport(reindented, signature, pin, VerificationPolicy.Anywhere);

        Assert.True(verdict.MayRun, verdict.Message);
    }

    [Fact]
    public async Task VerifyPinned_AnotherPassportOrNotJson_IsHashMismatchBeforeTheSignature()
    {
        var directory = await _packages.WriteAsync();
        var passport = await File.ReadAllBytesAsync(Path.Combine(directory, ModelPackageLayout.PassportFile));
        var verifier = _packages.Verifier();
        var pin = Pin(passport);

        // A signature that does not parse would be malformed_passport: the pin is looked at first.
        var other = verifier.VerifyPinnedPassport(passport, "[]"u8, new string('0', 64), VerificationPolicy.Anywhere);
        var garbage = verifier.VerifyPinnedPassport("not json"u8, "[]"u8, pin, VerificationPolicy.Anywhere);
        var unsigned = verifier.VerifyPinnedPassport(passport, "[]"u8, pin, VerificationPolicy.Anywhere);

        Assert.Equal(PassportErrorCodes.HashMismatch, other.Code);
        Assert.Equal(PassportErrorCodes.HashMismatch, garbage.Code);
        Assert.Equal(PassportErrorCodes.MalformedPassport, unsigned.Code);
    }

    [Fact]
    public async Task Verify_TamperedModelByte_IsHashMismatch()
    {
        var directory = await _packages.WriteAsync();
        TestPackages.FlipByte(Path.Combine(directory, "policy_mlp_v1.onnx"), 100);

        Assert.Equal(PassportErrorCodes.HashMismatch, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_ModelOneByteLonger_IsLengthMismatch()
    {
        var directory = await _packages.WriteAsync();
        await File.AppendAllTextAsync(Path.Combine(directory, "policy_mlp_v1.onnx"), "x");

        Assert.Equal(PassportErrorCodes.LengthMismatch, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_ModelMissing_IsLengthMismatch()
    {
        var directory = await _packages.WriteAsync();
        File.Delete(Path.Combine(directory, "policy_mlp_v1.onnx"));

        Assert.Equal(PassportErrorCodes.LengthMismatch, (await Verify(directory)).Code);
    }

    [Theory]
    [InlineData("version", "9.9.9")]
    [InlineData("expires", "2099-01-01T00:00:00Z")]
    [InlineData("model", "other.onnx")]
    public async Task Verify_TamperedPassportField_IsSignatureInvalid(string field, string value)
    {
        var directory = await _packages.WriteAsync();
        TestPackages.EditPassport(directory, node => node[field] = value);

        Assert.Equal(PassportErrorCodes.SignatureInvalid, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_TamperedFileHashInPassport_IsSignatureInvalid()
    {
        var directory = await _packages.WriteAsync();
        TestPackages.EditPassport(directory, node => node["files"]![0]!["sha256"] = new string('0', 64));

        Assert.Equal(PassportErrorCodes.SignatureInvalid, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_SignatureOfAnotherPassport_IsSignatureInvalid()
    {
        var first = await _packages.WriteAsync();
        var second = await _packages.WriteAsync(TestPackages.Draft("1.3.0"));
        File.Copy(Path.Combine(first, ModelPackageLayout.SignatureFile), Path.Combine(second, ModelPackageLayout.SignatureFile), overwrite: true);

        Assert.Equal(PassportErrorCodes.SignatureInvalid, (await Verify(second)).Code);
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("not base64!")]
    public async Task Verify_GarbledSignatureValue_IsSignatureInvalid(string value)
    {
        var directory = await _packages.WriteAsync();
        var path = Path.Combine(directory, ModelPackageLayout.SignatureFile);
        var node = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        node["value"] = value;
        await File.WriteAllTextAsync(path, node.ToJsonString());

        Assert.Equal(PassportErrorCodes.SignatureInvalid, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_SignedByUnknownKey_IsUntrustedSigner()
    {
        using var stranger = SigningKey.Generate();
        var directory = await _packages.WriteAsync(key: stranger);

        var verdict = await Verify(directory);

        Assert.Equal(PassportErrorCodes.UntrustedSigner, verdict.Code);
        Assert.Contains(stranger.KeyId, verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignatureClaimsTrustedKeyIdButMadeByAnother_IsSignatureInvalid()
    {
        using var stranger = SigningKey.Generate();
        var directory = await _packages.WriteAsync(key: stranger);
        var path = Path.Combine(directory, ModelPackageLayout.SignatureFile);
        var node = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        node["keyId"] = _packages.Key.KeyId;
        await File.WriteAllTextAsync(path, node.ToJsonString());

        Assert.Equal(PassportErrorCodes.SignatureInvalid, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_AfterExpiry_IsExpired()
    {
        var directory = await _packages.WriteAsync();
        _packages.Time.Advance(TimeSpan.FromDays(90));

        Assert.Equal(PassportErrorCodes.Expired, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_OtherDeviceType_IsWrongTarget()
    {
        var directory = await _packages.WriteAsync();

        Assert.Equal(PassportErrorCodes.WrongTarget, (await Verify(directory, new VerificationPolicy(DeviceType: "jetson-agx-thor"))).Code);
    }

    [Fact]
    public async Task Verify_AnyTarget_RunsOnEveryDeviceType()
    {
        var directory = await _packages.WriteAsync(TestPackages.Draft(targets: ["*"]));

        Assert.True((await Verify(directory, new VerificationPolicy(DeviceType: "jetson-agx-thor"))).MayRun);
    }

    [Theory]
    [InlineData("1.3.0", false, PassportErrorCodes.Rollback)]
    [InlineData("1.2.1-rc.1", false, PassportErrorCodes.Rollback)]
    [InlineData("1.3.0", true, null)]
    [InlineData("1.2.0", false, null)]
    [InlineData("1.1.9", false, null)]
    public async Task Verify_AgainstInstalledVersion_RefusesOnlyAnUnorderedRollback(string installed, bool rollbackAllowed, string? expected)
    {
        var directory = await _packages.WriteAsync();

        var verdict = await Verify(directory, new VerificationPolicy(InstalledVersion: ModelVersion.Parse(installed), RollbackAllowed: rollbackAllowed));

        Assert.Equal(expected, verdict.Code);
    }

    [Fact]
    public async Task Verify_RevokedVersion_IsRevokedWithTheReason()
    {
        var directory = await _packages.WriteAsync();
        var revoked = new RevokedVersions([new ModelRevocation("pick-policy", "1.2.0", "drops parts at speed", _packages.Time.GetUtcNow())]);

        var verdict = await Verify(directory, new VerificationPolicy(Revoked: revoked));

        Assert.Equal(PassportErrorCodes.Revoked, verdict.Code);
        Assert.Contains("drops parts at speed", verdict.Message, StringComparison.Ordinal);
        Assert.True((await Verify(await _packages.WriteAsync(TestPackages.Draft("1.2.1")), new VerificationPolicy(Revoked: revoked))).MayRun);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"name":"pick-policy","name":"other"}""")]
    [InlineData("[]")]
    public async Task Verify_PassportNotCanonicalisable_IsMalformed(string text)
    {
        var directory = await _packages.WriteAsync();
        await File.WriteAllTextAsync(Path.Combine(directory, ModelPackageLayout.PassportFile), text);

        var code = (await Verify(directory)).Code;

        Assert.True(code is PassportErrorCodes.MalformedPassport or PassportErrorCodes.SignatureInvalid, code);
    }

    [Theory]
    [InlineData(ModelPackageLayout.PassportFile)]
    [InlineData(ModelPackageLayout.SignatureFile)]
    public async Task Verify_DocumentMissing_IsMalformed(string file)
    {
        var directory = await _packages.WriteAsync();
        File.Delete(Path.Combine(directory, file));

        Assert.Equal(PassportErrorCodes.MalformedPassport, (await Verify(directory)).Code);
    }

    [Fact]
    public async Task Verify_SignatureFileNotJson_IsMalformed()
    {
        var directory = await _packages.WriteAsync();
        await File.WriteAllTextAsync(Path.Combine(directory, ModelPackageLayout.SignatureFile), "MEUCIQ==");

        Assert.Equal(PassportErrorCodes.MalformedPassport, (await Verify(directory)).Code);
    }

    [Theory]
    [InlineData("files.0.path", "../../etc/passwd")]
    [InlineData("files.0.path", "/etc/passwd")]
    [InlineData("files.0.sha256", "ABC")]
    [InlineData("version", "latest")]
    [InlineData("format", "2")]
    [InlineData("model", "missing.onnx")]
    [InlineData("expires", "2026-01-01T00:00:00Z")]
    [InlineData("extra", "field")]
    public async Task Verify_WellSignedPassportBreakingItsRules_IsMalformed(string field, string value)
    {
        var directory = await _packages.WriteAsync();
        _packages.EditAndSign(directory, node =>
        {
            var parts = field.Split('.');
            JsonNode target = node;
            foreach (var part in parts[..^1])
            {
                target = int.TryParse(part, out var index) ? target[index]! : target[part]!;
            }

            target[parts[^1]] = int.TryParse(value, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        });

        var verdict = await Verify(directory);

        Assert.Equal(PassportErrorCodes.MalformedPassport, verdict.Code);
    }

    [Fact]
    public async Task Verify_TwoTrustedKeys_EitherSignerIsAccepted()
    {
        using var second = SigningKey.Generate();
        using var trusted = TrustedKeys.FromPem([("a", _packages.Key.PublicKeyPem()), ("b", second.PublicKeyPem())]);
        var directory = await _packages.WriteAsync(key: second);

        var verdict = await new PassportVerifier(trusted, _packages.Time).VerifyAsync(directory, VerificationPolicy.Anywhere, CancellationToken.None);

        Assert.True(verdict.MayRun, verdict.Message);
    }

    public void Dispose() => _packages.Dispose();

    private Task<PassportVerdict> Verify(string directory, VerificationPolicy? policy = null) =>
        _packages.Verifier().VerifyAsync(directory, policy ?? VerificationPolicy.Anywhere, CancellationToken.None).AsTask();

    private static string Pin(byte[] passport)
    {
        using var document = System.Text.Json.JsonDocument.Parse(passport, EdgeFactory.Models.Canonical.CanonicalJson.ReadOptions);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(EdgeFactory.Models.Canonical.CanonicalJson.Encode(document.RootElement)));
    }
}
