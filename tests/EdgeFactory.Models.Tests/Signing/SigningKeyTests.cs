using EdgeFactory.Models.Signing;

namespace EdgeFactory.Models.Tests.Signing;

public sealed class SigningKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ef-keys-").FullName;

    [Fact]
    public void Save_WritesPrivateKeyOwnerOnlyAndPublicKeyNamedByItsId()
    {
        using var key = SigningKey.Generate();

        var (privatePath, publicPath) = key.Save(_directory);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        Assert.Equal(key.KeyId + SigningKey.PublicKeyExtension, Path.GetFileName(publicPath));
        using var loaded = SigningKey.Load(privatePath);
        Assert.Equal(key.KeyId, loaded.KeyId);
        using var trusted = TrustedKeys.Load(_directory);
        Assert.Equal([key.KeyId], trusted.KeyIds);
    }

    [Fact]
    public void Save_Twice_DoesNotOverwriteAKey()
    {
        using var key = SigningKey.Generate();
        key.Save(_directory);

        Assert.Throws<IOException>(() => key.Save(_directory));
    }

    [Fact]
    public void Load_NotAKey_ThrowsInvalidData()
    {
        var path = Path.Combine(_directory, "bad.key");
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        Assert.Throws<InvalidDataException>(() => SigningKey.Load(path));
    }

    [Fact]
    public void Check_SignatureOverOtherBytes_IsSignatureInvalid()
    {
        using var key = SigningKey.Generate();
        using var trusted = TrustedKeys.FromPem([("k", key.PublicKeyPem())]);
        var signature = key.Sign("abc"u8);

        Assert.Null(trusted.Check(signature, "abc"u8));
        Assert.Equal(EdgeFactory.Models.Packages.PassportErrorCodes.SignatureInvalid, trusted.Check(signature, "abd"u8));
        Assert.Equal(EdgeFactory.Models.Packages.PassportErrorCodes.SignatureInvalid, trusted.Check(signature with { Algorithm = "rsa" }, "abc"u8));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
