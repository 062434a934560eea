using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Models.Packages;

/// <summary>
/// Decides whether a model package may run: signature by a trusted key over the canonical passport, then the passport's
/// schema and rules, revocation, expiry, target and rollback, and last every file's length and SHA-256. The checks run in
/// that order and the first that fails gives the code, so cheap checks refuse before a byte of the model is read.
/// </summary>
public sealed class PassportVerifier
{
    private readonly TrustedKeys _trusted;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier that trusts <paramref name="trusted"/> and reads the time from <paramref name="time"/>.</summary>
    public PassportVerifier(TrustedKeys trusted, TimeProvider time)
    {
        _trusted = trusted ?? throw new ArgumentNullException(nameof(trusted));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Checks the package in <paramref name="directory"/>, its files included.</summary>
    public async ValueTask<PassportVerdict> VerifyAsync(string directory, VerificationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var passport = ReadDocument(Path.Combine(directory, ModelPackageLayout.PassportFile));
        var signature = ReadDocument(Path.Combine(directory, ModelPackageLayout.SignatureFile));
        if (passport is null || signature is null)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.MalformedPassport, $"{directory} lacks a readable {(passport is null ? ModelPackageLayout.PassportFile : ModelPackageLayout.SignatureFile)}.");
        }

        var verdict = VerifyPassport(passport, signature, policy);
        return verdict.MayRun ? await PackageFiles.CheckAsync(directory, verdict.Passport!, cancellationToken).ConfigureAwait(false) : verdict;
    }

    /// <summary>Checks a passport and its signature file without the package's files (the files are checked by <see cref="VerifyAsync"/>).</summary>
    public PassportVerdict VerifyPassport(ReadOnlySpan<byte> passportJson, ReadOnlySpan<byte> signatureJson, VerificationPolicy policy) =>
        VerifyPassport(passportJson, signatureJson, null, policy);

    /// <summary>
    /// Checks a passport that a signed desired state pins by the SHA-256 of its canonical form: a passport that is not the
    /// pinned one is <see cref="PassportErrorCodes.HashMismatch"/> before its signature is looked at. The passport is
    /// parsed and put in canonical form once, for the pin and the signature alike.
    /// </summary>
    public PassportVerdict VerifyPinnedPassport(ReadOnlySpan<byte> passportJson, ReadOnlySpan<byte> signatureJson, string pinnedSha256, VerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(pinnedSha256);
        return VerifyPassport(passportJson, signatureJson, pinnedSha256, policy);
    }

    private PassportVerdict VerifyPassport(ReadOnlySpan<byte> passportJson, ReadOnlySpan<byte> signatureJson, string? pinnedSha256, VerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var parsed = TryCanonical(passportJson, out var canonical, out var document, out var problem);
        if (pinnedSha256 is not null && (!parsed || !Pinned(canonical, pinnedSha256)))
        {
            document?.Dispose();
            return PassportVerdict.Refuse(PassportErrorCodes.HashMismatch, $"The registry served a passport that is not the one the desired state pins ({pinnedSha256}).");
        }

        if (!parsed)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.MalformedPassport, problem);
        }

        using (document)
        {
            if (!TryReadSignature(signatureJson, out var signature))
            {
                return PassportVerdict.Refuse(PassportErrorCodes.MalformedPassport, $"{ModelPackageLayout.SignatureFile} is not a signature document (keyId, algorithm, value).");
            }

            if (_trusted.Check(signature, canonical) is { } refusal)
            {
                return PassportVerdict.Refuse(refusal, refusal == PassportErrorCodes.UntrustedSigner
                    ? $"The passport is signed by key {signature.KeyId}, which is not trusted here."
                    : $"The signature by key {signature.KeyId} does not match the passport.");
            }

            if (!TryRead(document.RootElement, out var passport, out problem))
            {
                return PassportVerdict.Refuse(PassportErrorCodes.MalformedPassport, problem);
            }

            return CheckPolicy(passport, policy);
        }
    }

    private PassportVerdict CheckPolicy(ModelPassport passport, VerificationPolicy policy)
    {
        var what = $"{passport.Name} {passport.Version}";
        if ((policy.Revoked ?? RevokedVersions.None).Find(passport.Name, passport.Version) is { } revocation)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.Revoked, $"{what} was revoked at {revocation.At:u}: {revocation.Reason}", passport);
        }

        var now = _time.GetUtcNow();
        if (now >= passport.Expires)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.Expired, $"The passport of {what} expired at {passport.Expires:u}.", passport);
        }

        if (policy.DeviceType is { } deviceType && !passport.Targets.Contains(ModelPassport.AnyTarget) && !passport.Targets.Contains(deviceType))
        {
            return PassportVerdict.Refuse(PassportErrorCodes.WrongTarget, $"{what} is for {string.Join(", ", passport.Targets)}, not {deviceType}.", passport);
        }

        if (policy.InstalledVersion is { } installed && !policy.RollbackAllowed && ModelVersion.Parse(passport.Version) < installed)
        {
            return PassportVerdict.Refuse(PassportErrorCodes.Rollback, $"{what} is older than the installed {installed}, and no signed rollback order allows it.", passport);
        }

        return new PassportVerdict(null, $"{what} may run.", passport);
    }

    private static bool TryCanonical(ReadOnlySpan<byte> json, out byte[] canonical, out JsonDocument document, out string problem)
    {
        canonical = [];
        document = null!;
        problem = string.Empty;
        if (json.Length > ModelPackageLayout.MaxDocumentBytes)
        {
            problem = $"{ModelPackageLayout.PassportFile} is larger than {ModelPackageLayout.MaxDocumentBytes} bytes.";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json.ToArray(), CanonicalJson.ReadOptions);
            canonical = CanonicalJson.Encode(document.RootElement);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            document?.Dispose();
            problem = $"{ModelPackageLayout.PassportFile} is not canonicalisable JSON: {e.Message}";
            return false;
        }
    }

    private static bool Pinned(byte[] canonical, string pinnedSha256)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, digest);
        Span<char> hex = stackalloc char[2 * SHA256.HashSizeInBytes];
        return Convert.TryToHexStringLower(digest, hex, out _) && hex.SequenceEqual(pinnedSha256);
    }

    private static bool TryReadSignature(ReadOnlySpan<byte> json, out DetachedSignature signature)
    {
        signature = null!;
        if (json.Length > ModelPackageLayout.MaxDocumentBytes)
        {
            return false;
        }

        try
        {
            signature = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.DetachedSignature)!;
            return signature is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryRead(JsonElement root, out ModelPassport passport, out string problem)
    {
        passport = null!;
        var violations = ContractSchemas.ModelPassport.Validate(root);
        if (violations.Count > 0)
        {
            problem = $"The passport breaks its schema: {string.Join("; ", violations.Take(3))}";
            return false;
        }

        try
        {
            passport = root.Deserialize(ContractsJsonContext.Default.ModelPassport)!;
        }
        catch (JsonException e)
        {
            problem = $"The passport cannot be read: {e.Message}";
            return false;
        }

        problem = PassportRules.Problem(passport) ?? string.Empty;
        return problem.Length == 0;
    }

    private static byte[]? ReadDocument(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= ModelPackageLayout.MaxDocumentBytes ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
