using System.Security.Cryptography;

namespace EdgeFactory.Models.Signing;

/// <summary>Key ids: the lower-case hex SHA-256 of a public key's SubjectPublicKeyInfo (DER), so an id names exactly one key.</summary>
public static class KeyIds
{
    /// <summary>The id of <paramref name="key"/>'s public half.</summary>
    public static string Of(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }
}
