using System.CommandLine;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model verify DIR --trust KEYS</c>: the checks a device makes before it loads a package.</summary>
internal static class ModelVerifyCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Model package folder (passport.json, passport.sig and the files)." };
        var trust = new Option<string>("--trust") { Description = "Folder of trusted public keys (*.pub).", Required = true };
        var deviceType = new Option<string?>("--device-type") { Description = "This device's type; the passport must name it (or *)." };
        var installed = new Option<string?>("--installed-version") { Description = "Version installed now; an older package is a rollback." };
        var revocations = new Option<string?>("--revocations") { Description = "Signed revocation list (JSON, as retained on ef/v1/fleet/revocations)." };
        OptionRule.Add(installed, v => v is null || ModelVersion.TryParse(v, out _) ? null : $"'{v}' is not a semantic version.");
        var command = new Command(
            "verify",
            "Check a model package as a device does before it loads it. Exit 0: it may run; exit 2 with one of: "
            + string.Join(", ", PassportErrorCodes.All) + ".")
        {
            directory, trust, deviceType, installed, revocations,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                using var keys = TrustedKeys.Load(parse.GetValue(trust)!);
                var revoked = RevokedVersions.None;
                if (parse.GetValue(revocations) is { } listFile)
                {
                    var bytes = await File.ReadAllBytesAsync(listFile, cancellationToken);
                    if (SignedDocuments.Check(bytes, keys) is { } refusal)
                    {
                        error.WriteLine($"edgefactory: the revocation list {listFile} cannot be trusted [{refusal}].");
                        return ExitCodes.UsageError;
                    }

                    revoked = new RevokedVersions(JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.RevocationListMessage)!.Revoked);
                }

                var installedVersion = parse.GetValue(installed) is { } text ? ModelVersion.Parse(text) : null;
                var policy = new VerificationPolicy(parse.GetValue(deviceType), installedVersion, RollbackAllowed: false, revoked);
                var verdict = await new PassportVerifier(keys, TimeProvider.System).VerifyAsync(parse.GetValue(directory)!, policy, cancellationToken);
                if (!verdict.MayRun)
                {
                    parse.InvocationConfiguration.Output.WriteLine(verdict.Code);
                    error.WriteLine($"edgefactory: {verdict.Code}: {verdict.Message}");
                    return ExitCodes.UsageError;
                }

                parse.InvocationConfiguration.Output.WriteLine($"ok {verdict.Passport!.Name} {verdict.Passport.Version}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
            {
                error.WriteLine($"edgefactory: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }
}
