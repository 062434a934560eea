using System.CommandLine;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Inference;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary><c>edgefactory model passport MODEL ...</c>: packages a model with a signed passport.</summary>
internal static class ModelPassportCommand
{
    public static Command Create()
    {
        var file = ModelOptions.File();
        var name = new Option<string>("--name") { Description = "Model name (lower case, digits, . _ -).", Required = true };
        var version = new Option<string>("--version") { Description = "Semantic version, MAJOR.MINOR.PATCH[-pre].", Required = true };
        var key = new Option<string>("--key") { Description = "Private key file from 'edgefactory keys new'.", Required = true };
        var output = new Option<string>("--out") { Description = "Empty folder to write the package into.", Required = true };
        var targets = new Option<string>("--targets") { Description = "Device types it may run on, comma-separated; * for any.", DefaultValueFactory = _ => ModelPassport.AnyTarget };
        var evaluation = new Option<string?>("--eval") { Description = "JSON file {\"dataset\": ..., \"metrics\": {name: number}} with how the model scored." };
        var expires = new Option<TimeSpan>("--expires") { Description = "How long the passport is valid, e.g. 90d.", DefaultValueFactory = _ => TimeSpan.FromDays(90), CustomParser = DurationArgument.Parse };
        var source = new Option<string>("--source") { Description = "Provenance: where the model came from (repository and commit, training run).", DefaultValueFactory = _ => string.Empty };
        var trainingData = new Option<string>("--training-data") { Description = "Provenance: reference to the training data.", DefaultValueFactory = _ => string.Empty };
        var creator = new Option<string>("--creator") { Description = "Provenance: who made the model.", DefaultValueFactory = _ => Environment.UserName };
        var engines = new Option<string[]>("--engine") { Description = "A prebuilt TensorRT EP-context engine as DEVICE_TYPE=FILE; repeatable.", AllowMultipleArgumentsPerToken = false };
        var library = ModelOptions.Library();
        OptionRule.Add(version, v => ModelVersion.TryParse(v, out _) ? null : $"'{v}' is not a semantic version; write e.g. 1.4.0 or 2.0.0-rc.1.");
        OptionRule.Add(expires, v => v > TimeSpan.Zero ? null : "--expires must be longer than zero.");
        var command = new Command("passport", "Package a model: copy it, describe it in passport.json and sign that with a key.")
        {
            file, name, version, key, output, targets, evaluation, expires, source, trainingData, creator, engines, library,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                ModelOptions.UseLibrary(parse, library);
                var path = parse.GetValue(file)!;
                using var signing = SigningKey.Load(parse.GetValue(key)!);
                var draft = Draft(path, parse.GetValue(name)!, parse.GetValue(version)!, parse.GetValue(targets)!, parse.GetValue(evaluation),
                    parse.GetValue(expires), new PassportProvenance(parse.GetValue(source)!, parse.GetValue(trainingData)!, parse.GetValue(creator)!),
                    parse.GetValue(engines) ?? []);
                var passport = await PackageWriter.WriteAsync(path, draft, signing, parse.GetValue(output)!, TimeProvider.System, cancellationToken);
                var problems = PassportRulesText(passport);
                if (problems is not null)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {problems}");
                    return ExitCodes.UsageError;
                }

                parse.InvocationConfiguration.Output.WriteLine(
                    $"packaged {passport.Name} {passport.Version} into {parse.GetValue(output)}: {passport.Files.Count} file(s), signed by {signing.KeyId}, expires {passport.Expires:u}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is OnnxRuntimeException or IOException or UnauthorizedAccessException or InvalidDataException or JsonException or FormatException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"edgefactory: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }

    /// <summary>A passport draft for the ONNX model at <paramref name="path"/>, its signature read from the model itself.</summary>
    internal static PassportDraft Draft(
        string path, string name, string version, string targets, string? evaluation, TimeSpan lifetime, PassportProvenance provenance, string[] engines)
    {
        using var session = InferenceSession.Load(path);
        var metadata = session.Metadata;
        PassportEvaluation? scored = null;
        if (evaluation is not null)
        {
            scored = JsonSerializer.Deserialize(File.ReadAllBytes(evaluation), ContractsJsonContext.Default.PassportEvaluation)
                ?? throw new InvalidDataException($"{evaluation} holds no evaluation.");
        }

        var engineFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var engine in engines)
        {
            var eq = engine.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == engine.Length - 1)
            {
                throw new FormatException($"--engine '{engine}' is not DEVICE_TYPE=FILE.");
            }

            engineFiles[engine[..eq]] = engine[(eq + 1)..];
        }

        return new PassportDraft(
            name,
            version,
            [.. session.Signature.Inputs.Select(Tensor)],
            [.. session.Signature.Outputs.Select(Tensor)],
            (int)metadata.DefaultOpset,
            $"{metadata.ProducerName} {metadata.ProducerVersion}".Trim(),
            provenance,
            [.. targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            lifetime,
            scored,
            engineFiles.Count > 0 ? engineFiles : null);
    }

    /// <summary>The passport read back against its schema and rules, so a bad name or target is said now rather than on a device.</summary>
    private static string? PassportRulesText(ModelPassport passport)
    {
        using var document = JsonDocument.Parse(PackageWriter.Serialize(passport));
        var violations = Contracts.Schemas.ContractSchemas.ModelPassport.Validate(document.RootElement);
        return violations.Count == 0 ? null : $"the passport would be refused: {string.Join("; ", violations.Take(3))}";
    }

    private static PassportTensor Tensor(TensorDescriptor d) => new(d.Name, TensorElementTypes.Name(d.ElementType), d.Dimensions);
}
