namespace EdgeFactory.Models.Signing;

/// <summary>Names of the signature algorithms EdgeFactory writes and accepts.</summary>
public static class SignatureAlgorithms
{
    /// <summary>ECDSA on NIST P-256 over SHA-256, the signature as r‖s (IEEE P1363, 64 bytes), base64.</summary>
    public const string EcdsaP256Sha256 = "ecdsa-p256-sha256";
}
