using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Models.Signing;

/// <summary>
/// Documents that carry their own signature in a root member <c>signature</c> (desired states, revocation lists): the
/// signature covers the RFC 8785 canonical form of the document without that member.
/// </summary>
public static class SignedDocuments
{
    /// <summary>The root member that holds the signature.</summary>
    public const string SignatureMember = "signature";

    /// <summary>Signs <paramref name="document"/> in place (replacing any signature it has) and returns it.</summary>
    public static JsonObject Sign(JsonObject document, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(key);
        document.Remove(SignatureMember);
        using var parsed = JsonDocument.Parse(document.ToJsonString(), CanonicalJson.ReadOptions);
        var signature = key.Sign(CanonicalJson.Encode(parsed.RootElement));
        document[SignatureMember] = JsonSerializer.SerializeToNode(signature, ContractsJsonContext.Default.DetachedSignature);
        return document;
    }

    /// <summary>Null when <paramref name="json"/> is signed by a trusted key; otherwise a <see cref="PassportErrorCodes"/> code.</summary>
    public static string? Check(ReadOnlySpan<byte> json, TrustedKeys trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), CanonicalJson.ReadOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(SignatureMember, out var member)
                || member.Deserialize(ContractsJsonContext.Default.DetachedSignature) is not { } signature)
            {
                return PassportErrorCodes.MalformedPassport;
            }

            return trusted.Check(signature, CanonicalJson.Encode(document.RootElement, SignatureMember));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return PassportErrorCodes.MalformedPassport;
        }
    }

    /// <summary>A placeholder signature for a record about to be signed: records require one, <see cref="Sign"/> replaces it.</summary>
    public static DetachedSignature Unsigned { get; } = new("unsigned", SignatureAlgorithms.EcdsaP256Sha256, string.Empty);
}
