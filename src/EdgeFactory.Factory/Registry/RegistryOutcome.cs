namespace EdgeFactory.Factory.Registry;

/// <summary>What a registry operation did: null code on success, otherwise a stable code and a sentence.</summary>
/// <param name="Code">Null on success; a passport refusal code or one of the registry's own (<c>not_found</c>, <c>conflict</c>, <c>missing_file</c>).</param>
/// <param name="Message">What happened, for people.</param>
public sealed record RegistryOutcome(string? Code, string Message)
{
    /// <summary>Code when the named package, version or blob is unknown.</summary>
    public const string NotFound = "not_found";

    /// <summary>Code when a different package is already registered under the same name and version.</summary>
    public const string Conflict = "conflict";

    /// <summary>Code when a file the passport lists has not been uploaded (or has another length).</summary>
    public const string MissingFile = "missing_file";

    /// <summary>Code when a request names no device or group, both, or a name that cannot be a topic level.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Code is null;

    internal static RegistryOutcome Ok(string message) => new(null, message);
}
