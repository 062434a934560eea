using System.Globalization;
using EdgeFactory.Models.Signing;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Reads a site file's <c>models:</c>: the factory to download from, the device type, the two trust folders (each must
/// hold at least one readable P-256 <c>.pub</c> key), the staging quota and the packages folder. Paths are relative to
/// the site file. Model delivery swaps into the site's policy slots, so it needs robots on the robot link.
/// </summary>
internal static class ModelDeliverySection
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1),
    ];

    /// <summary>The delivery settings, or null when the site has no <c>models:</c>.</summary>
    public static ModelDeliverySettings? Parse(YamlMap root, bool hasLinkedRobots, IReadOnlyDictionary<string, string> policies)
    {
        if (root.OptionalMap("models") is not { } models)
        {
            return null;
        }

        if (!hasLinkedRobots || policies.Count == 0)
        {
            throw root.Error(root.MarkOf("models"), "'models' delivers policies into the site's policy slots; the site needs robots on the robot link and 'policies:'");
        }

        var folder = Path.GetDirectoryName(root.File) ?? ".";
        var (factoryText, factoryAt) = models.StringWithMark("factory") ?? throw models.Error(models.Start, "'models' needs 'factory', the registry address packages are downloaded from (http://HOST:PORT)");
        if (!Uri.TryCreate(factoryText, UriKind.Absolute, out var factory) || factory.Scheme is not ("http" or "https"))
        {
            throw models.Error(factoryAt, $"factory '{factoryText}' must be an http:// or https:// address");
        }

        var (deviceType, typeAt) = models.StringWithMark("device_type") ?? throw models.Error(models.Start, "'models' needs 'device_type', the target passports must name (e.g. jetson-orin-nano, x86-64-cpu)");
        if (deviceType.Length is 0 or > 64 || !deviceType.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw models.Error(typeAt, $"device_type '{deviceType}' must be 1 to 64 letters, digits, '-', '_' or '.'");
        }

        var trust = models.OptionalMap("trust") ?? throw models.Error(models.Start, "'models' needs 'trust' with 'factory' (keys that sign desired states) and 'passports' (keys that sign passports)");
        var factoryTrust = TrustFolder(trust, "factory", folder);
        var passportTrust = TrustFolder(trust, "passports", folder);
        trust.RejectUnknownKeys();

        var settings = new ModelDeliverySettings
        {
            Factory = factory,
            DeviceType = deviceType,
            FactoryTrust = factoryTrust,
            PassportTrust = passportTrust,
            StagingQuotaBytes = Quota(models) ?? 2L << 30,
            Folder = models.OptionalString("folder") is { } given ? Path.GetFullPath(Path.Combine(folder, given)) : null,
        };
        models.RejectUnknownKeys();
        return settings;
    }

    private static string TrustFolder(YamlMap trust, string key, string siteFolder)
    {
        var (given, at) = trust.StringWithMark(key) ?? throw trust.Error(trust.Start, $"'trust' needs '{key}', a folder of .pub keys");
        var path = Path.GetFullPath(Path.Combine(siteFolder, given));
        if (!Directory.Exists(path))
        {
            throw trust.Error(at, $"trust folder '{path}' does not exist; copy the signers' .pub files into it");
        }

        try
        {
            using var keys = TrustedKeys.Load(path);
            if (keys.KeyIds.Count == 0)
            {
                throw trust.Error(at, $"trust folder '{path}' holds no .pub key; copy the signers' .pub files into it");
            }
        }
        catch (InvalidDataException e)
        {
            throw trust.Error(at, $"trust folder '{path}': {e.Message}");
        }

        return path;
    }

    private static long? Quota(YamlMap models)
    {
        if (models.StringWithMark("staging_quota") is not var (text, at))
        {
            return null;
        }

        foreach (var (suffix, factor) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(0, text.Length - suffix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count > 0 && count <= long.MaxValue / factor)
            {
                return count * factor;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw models.Error(at, $"staging_quota '{text}' must be a size such as 512MiB, 2GiB or 1GB");
    }
}
