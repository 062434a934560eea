using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// The demo's site file: the line engineer's file as it is, with a <c>models:</c> section that lets the factory deliver
/// the arm policy, written beside the factory's keys. Paths of the original resolve as they did from its folder.
/// </summary>
internal static class StorySite
{
    /// <summary>Writes the story's copy of <paramref name="site"/> into <paramref name="folder"/>; returns its path.</summary>
    public static async Task<string> WriteAsync(SiteDefinition site, string folder, StoryFactory factory, CancellationToken cancellationToken)
    {
        var original = Path.GetFullPath(site.SourcePath);
        var from = Path.GetDirectoryName(original)!;
        var lines = (await File.ReadAllLinesAsync(original, cancellationToken).ConfigureAwait(false)).ToList();
        if (!lines.Any(l => l.StartsWith("kinds:", StringComparison.Ordinal)))
        {
            lines.Insert(0, $"kinds: {Path.GetFullPath(Path.Combine(from, "..", "kinds"))}");
        }

        // Relative paths (policies, models) were relative to the original's folder.
        var text = string.Join('\n', lines).Replace(": ../", $": {from}/../", StringComparison.Ordinal);
        text += $"""

            models:
              factory: {factory.Host.Address}
              device_type: {StoryFactory.DeviceType}
              trust: {"{"} factory: {factory.TrustFactory}, passports: {factory.TrustPassports} {"}"}
            """;
        var path = Path.Combine(folder, "site.yaml");
        await File.WriteAllTextAsync(path, text + "\n", cancellationToken).ConfigureAwait(false);
        return path;
    }
}
