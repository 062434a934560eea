using System.Security.Cryptography;
using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Models.Signing;

/// <summary>An ECDSA P-256 private key that signs passports, desired states and revocation lists. Its bytes are never logged or printed.</summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>File name ending of a private key (PKCS#8 PEM, mode 0600).</summary>
    public const string PrivateKeyExtension = ".key";

    /// <summary>File name ending of a public key (SubjectPublicKeyInfo PEM); a trust directory holds these.</summary>
    public const string PublicKeyExtension = ".pub";

    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        KeyId = KeyIds.Of(key);
    }

    /// <summary>Id of the key (see <see cref="KeyIds"/>).</summary>
    public string KeyId { get; }

    /// <summary>A new random key.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a private key file written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds no P-256 private key.</exception>
    public static SigningKey Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new InvalidDataException($"{path} holds a key that is not on P-256.");
            }

            _ = key.ExportECPrivateKey();
            return new SigningKey(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} holds no P-256 private key in PEM.", e);
        }
    }

    /// <summary>Writes <c>KEYID.key</c> (created with mode 0600 before any byte is written) and <c>KEYID.pub</c> into <paramref name="directory"/>; returns both paths.</summary>
    public (string PrivateKey, string PublicKey) Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var privatePath = Path.Combine(directory, KeyId + PrivateKeyExtension);
        var publicPath = Path.Combine(directory, KeyId + PublicKeyExtension);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
        {
            writer.Write(_key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(publicPath, PublicKeyPem());
        return (privatePath, publicPath);
    }

    /// <summary>The public half in PEM.</summary>
    public string PublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Signs <paramref name="canonical"/> (a document's canonical bytes).</summary>
    public DetachedSignature Sign(ReadOnlySpan<byte> canonical) =>
        new(KeyId, SignatureAlgorithms.EcdsaP256Sha256, Convert.ToBase64String(_key.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
