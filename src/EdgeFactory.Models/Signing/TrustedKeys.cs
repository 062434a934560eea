using System.Collections.Frozen;
using System.Security.Cryptography;
using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Models.Signing;

/// <summary>The public keys whose signatures a device or the factory accepts, by key id.</summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly FrozenDictionary<string, ECDsa> _keys;

    private TrustedKeys(Dictionary<string, ECDsa> keys) => _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Ids of the trusted keys.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Every <c>*.pub</c> file in <paramref name="directory"/>; the id of each is computed from the key, never taken from the file name.</summary>
    /// <exception cref="InvalidDataException">A file holds no P-256 public key.</exception>
    public static TrustedKeys Load(string directory)
    {
        var pems = Directory.EnumerateFiles(directory, "*" + SigningKey.PublicKeyExtension).Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)));
        return FromPem(pems);
    }

    /// <summary>Keys from PEM texts, each named by where it came from (for messages).</summary>
    public static TrustedKeys FromPem(IEnumerable<(string Source, string Pem)> pems)
    {
        ArgumentNullException.ThrowIfNull(pems);
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var (source, pem) in pems)
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
                if (key.KeySize != 256)
                {
                    throw new InvalidDataException($"{source} holds a key that is not on P-256.");
                }
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new InvalidDataException($"{source} holds no P-256 public key in PEM.", e);
            }

            keys.TryAdd(Signing.KeyIds.Of(key), key);
        }

        return new TrustedKeys(keys);
    }

    /// <summary>Checks <paramref name="signature"/> over <paramref name="canonical"/>: null when it holds, otherwise <see cref="Packages.PassportErrorCodes.UntrustedSigner"/> or <see cref="Packages.PassportErrorCodes.SignatureInvalid"/>.</summary>
    public string? Check(DetachedSignature signature, ReadOnlySpan<byte> canonical)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!_keys.TryGetValue(signature.KeyId, out var key))
        {
            return Packages.PassportErrorCodes.UntrustedSigner;
        }

        if (signature.Algorithm != SignatureAlgorithms.EcdsaP256Sha256)
        {
            return Packages.PassportErrorCodes.SignatureInvalid;
        }

        Span<byte> raw = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature.Value, raw, out var written) || written != 64)
        {
            return Packages.PassportErrorCodes.SignatureInvalid;
        }

        return key.VerifyData(canonical, raw, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? null
            : Packages.PassportErrorCodes.SignatureInvalid;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
