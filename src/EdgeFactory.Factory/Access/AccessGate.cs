using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Factory.Access;

/// <summary>Decides who may change the factory: checks a request's bearer token, and counts and logs (never the token) each refusal.</summary>
public sealed partial class AccessGate
{
    /// <summary>Meter of the factory's access decisions.</summary>
    public static readonly Meter Meter = new("EdgeFactory.Factory.Access");

    private static readonly Counter<long> RefusedCounter = Meter.CreateCounter<long>("edgefactory.factory.access.refused", description: "Requests refused for want of a valid token, by code");
    private readonly ApiTokens _tokens;
    private readonly ILogger _log;
    private long _missing;
    private long _invalid;

    /// <summary>Checks requests against <paramref name="tokens"/>.</summary>
    public AccessGate(ApiTokens tokens, ILogger<AccessGate>? log)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _log = log ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>Requests refused without a token so far.</summary>
    public long RefusedMissing => Interlocked.Read(ref _missing);

    /// <summary>Requests refused with an unknown token so far.</summary>
    public long RefusedInvalid => Interlocked.Read(ref _invalid);

    /// <summary>The name of the token in an <c>Authorization</c> header value, or the refusal code.</summary>
    public (string? Name, string? Refusal) Check(string? authorization, string what)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == Scheme.Length)
        {
            Interlocked.Increment(ref _missing);
            RefusedCounter.Add(1, new KeyValuePair<string, object?>("code", AccessRefusals.TokenMissing));
            Refused(_log, AccessRefusals.TokenMissing, what);
            return (null, AccessRefusals.TokenMissing);
        }

        if (_tokens.Find(authorization[Scheme.Length..].Trim()) is { } name)
        {
            return (name, null);
        }

        Interlocked.Increment(ref _invalid);
        RefusedCounter.Add(1, new KeyValuePair<string, object?>("code", AccessRefusals.TokenInvalid));
        Refused(_log, AccessRefusals.TokenInvalid, what);
        return (null, AccessRefusals.TokenInvalid);
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Refused {Request}: {Code}")]
    private static partial void Refused(ILogger logger, string code, string request);
}
