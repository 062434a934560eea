namespace EdgeFactory.Factory.Access;

/// <summary>Codes of requests refused for want of a valid token (HTTP 401).</summary>
public static class AccessRefusals
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    public const string TokenMissing = "token_missing";

    /// <summary>A bearer token that is not in the tokens file.</summary>
    public const string TokenInvalid = "token_invalid";
}
