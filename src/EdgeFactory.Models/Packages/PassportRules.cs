using EdgeFactory.Contracts.Models;

namespace EdgeFactory.Models.Packages;

/// <summary>The passport's rules that its schema cannot say: the model and engines are among the files, paths are unique, it expires after it was made.</summary>
internal static class PassportRules
{
    public static string? Problem(ModelPassport passport)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in passport.Files)
        {
            if (!paths.Add(file.Path))
            {
                return $"The passport lists {file.Path} twice.";
            }

            if (file.Path is ModelPackageLayout.PassportFile or ModelPackageLayout.SignatureFile)
            {
                return $"The passport lists its own {file.Path} as a model file.";
            }
        }

        if (!paths.Contains(passport.Model))
        {
            return $"The model file {passport.Model} is not among the passport's files.";
        }

        foreach (var engine in passport.Engines ?? [])
        {
            if (!paths.Contains(engine.Path))
            {
                return $"The engine {engine.Path} for {engine.DeviceType} is not among the passport's files.";
            }
        }

        if (passport.Expires <= passport.Created)
        {
            return "The passport expires before it was made.";
        }

        return ModelVersion.TryParse(passport.Version, out _) ? null : $"'{passport.Version}' is not a semantic version.";
    }
}
