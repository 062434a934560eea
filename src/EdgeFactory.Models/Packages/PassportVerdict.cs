using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Models.Packages;

/// <summary>The outcome of checking a model package: the passport when it may run, otherwise a stable code and a sentence.</summary>
/// <param name="Code">Null when the package may run; one of <see cref="PassportErrorCodes"/> otherwise.</param>
/// <param name="Message">What was found, for people.</param>
/// <param name="Passport">The verified passport; also set for refusals found after the signature held (expired, revoked, ...).</param>
public sealed record PassportVerdict(string? Code, string Message, ModelPassport? Passport)
{
    /// <summary>Whether the package may run.</summary>
    public bool MayRun => Code is null;

    internal static PassportVerdict Refuse(string code, string message, ModelPassport? passport = null)
    {
        PassportMetrics.Refused(code);
        return new PassportVerdict(code, message, passport);
    }
}
