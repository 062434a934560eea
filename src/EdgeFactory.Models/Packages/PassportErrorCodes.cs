namespace EdgeFactory.Models.Packages;

/// <summary>Stable codes for why a model package may not run; <c>edgefactory model verify</c> prints them and devices report them.</summary>
public static class PassportErrorCodes
{
    /// <summary>The signature does not verify over the canonical passport with the key it names, or is not a well-formed P-256 signature.</summary>
    public const string SignatureInvalid = "signature_invalid";

    /// <summary>The signature names a key the verifier does not trust.</summary>
    public const string UntrustedSigner = "untrusted_signer";

    /// <summary>A file's SHA-256 differs from the passport's.</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>A file's length differs from the passport's, or the file is missing.</summary>
    public const string LengthMismatch = "length_mismatch";

    /// <summary>The passport's expiry has passed.</summary>
    public const string Expired = "expired";

    /// <summary>The passport does not name this device type among its targets.</summary>
    public const string WrongTarget = "wrong_target";

    /// <summary>The version is older than the installed one, and no signed rollback order allows it.</summary>
    public const string Rollback = "rollback";

    /// <summary>The version is on the fleet's revocation list.</summary>
    public const string Revoked = "revoked";

    /// <summary>The passport or its signature file is missing, not JSON, not canonicalisable, or breaks the schema or its own rules.</summary>
    public const string MalformedPassport = "malformed_passport";

    /// <summary>Every code, in the order the checks run.</summary>
    public static IReadOnlyList<string> All { get; } =
        [MalformedPassport, UntrustedSigner, SignatureInvalid, Revoked, Expired, WrongTarget, Rollback, LengthMismatch, HashMismatch];
}
