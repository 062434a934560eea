namespace EdgeFactory.Models.Packages;

/// <summary>The fixed names of a model package directory (docs/contracts/model-packages.md).</summary>
public static class ModelPackageLayout
{
    /// <summary>The passport.</summary>
    public const string PassportFile = "passport.json";

    /// <summary>The detached signature over the canonical passport.</summary>
    public const string SignatureFile = "passport.sig";

    /// <summary>
    /// Response header by which the registry sends the detached signature (base64 of <see cref="SignatureFile"/>) with
    /// the passport, so an edge fetches both in one request; it checks the signature exactly as if fetched on its own.
    /// </summary>
    public const string SignatureHeader = "EdgeFactory-Passport-Signature";

    /// <summary>Largest passport or signature file read (a passport is a few kilobytes).</summary>
    public const int MaxDocumentBytes = 256 * 1024;
}
