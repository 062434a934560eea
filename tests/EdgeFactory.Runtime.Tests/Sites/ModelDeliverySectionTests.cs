using EdgeFactory.Models.Signing;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Sites;

public sealed class ModelDeliverySectionTests : IDisposable
{
    private const string Cell = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n    link: { arm: udp://127.0.0.1:1, gripper: udp://127.0.0.1:2 }\n"
        + "policies:\n  arm_reach: ../../models/policy/arm_reach_v1.onnx\n  gripper: ../../models/policy/gripper_v1.onnx\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("ef-delivery-site-").FullName;

    public ModelDeliverySectionTests()
    {
        using var factory = SigningKey.Generate();
        using var team = SigningKey.Generate();
        factory.Save(Path.Combine(_folder, "factory"));
        team.Save(Path.Combine(_folder, "teams"));
        Directory.CreateDirectory(Path.Combine(_folder, "empty"));
        System.IO.File.WriteAllText(Path.Combine(_folder, "empty", "readme.txt"), "no keys");
    }

    private static string File => RepositoryPaths.Of("robots", "sites", "inline.yaml");

    [Fact]
    public void Parse_ModelsSection_NamesFactoryTrustQuotaAndFolder()
    {
        var delivery = SiteFile.Parse(Cell + Models($"staging_quota: 512MiB, folder: {_folder}/packages"), File).Settings.ModelDelivery!;

        Assert.Equal(new Uri("http://127.0.0.1:8470/"), delivery.Factory);
        Assert.Equal("x86-64-cpu", delivery.DeviceType);
        Assert.Equal((Path.Combine(_folder, "factory"), Path.Combine(_folder, "teams")), (delivery.FactoryTrust, delivery.PassportTrust));
        Assert.Equal(512L << 20, delivery.StagingQuotaBytes);
        Assert.Equal(Path.Combine(_folder, "packages"), delivery.FolderUnder("/var/lib/edge"));
    }

    [Fact]
    public void Parse_NoFolder_PutsPackagesUnderTheDataFolder()
    {
        var delivery = SiteFile.Parse(Cell + Models(string.Empty), File).Settings.ModelDelivery!;

        Assert.Equal(Path.Combine("/var/lib/edge", "models"), delivery.FolderUnder("/var/lib/edge"));
        Assert.Equal(2L << 30, delivery.StagingQuotaBytes);
        Assert.Null(SiteFile.Parse(Cell, File).Settings.ModelDelivery);
    }

    [Theory]
    [InlineData("factory: ftp://x", "ftp://x", "factory 'ftp://x' must be an http:// or https:// address")]
    [InlineData("device_type: 'a b'", "'a b'", "device_type 'a b' must be 1 to 64 letters")]
    [InlineData("staging_quota: 2 parsecs", "2 parsecs", "staging_quota '2 parsecs' must be a size such as 512MiB")]
    [InlineData("staging_quota: 0", "0", "staging_quota '0' must be a size")]
    [InlineData("trust: { factory: FOLDER/nowhere, passports: FOLDER/teams }", "FOLDER/nowhere", "/nowhere' does not exist")]
    [InlineData("trust: { factory: FOLDER/empty, passports: FOLDER/teams }", "FOLDER/empty", "/empty' holds no .pub key")]
    [InlineData("trust: { factory: FOLDER/factory }", "{ factory: FOLDER/factory }", "'trust' needs 'passports'")]
    [InlineData("mirror: http://x", "mirror", "unknown key 'mirror'")]
    public void Parse_BadModelsSection_NamesFileLineAndColumn(string entry, string at, string problem)
    {
        entry = entry.Replace("FOLDER", _folder, StringComparison.Ordinal);
        at = at.Replace("FOLDER", _folder, StringComparison.Ordinal);
        var line = Models(entry);

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(Cell + line, File));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((10, line.LastIndexOf(at, StringComparison.Ordinal) + 1), ((int)error.Line, (int)error.Column));
    }

    [Fact]
    public void Parse_ModelsWithoutLinkedRobots_IsRefused()
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n" + Models(string.Empty);

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, File));

        Assert.Contains("the site needs robots on the robot link", error.Problem, StringComparison.Ordinal);
        Assert.Equal((6, 9), ((int)error.Line, (int)error.Column));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // One flow mapping on one line, so every error's column is found in the line; a later key overrides an earlier one.
    private string Models(string extra)
    {
        var keys = new Dictionary<string, string>
        {
            ["factory"] = "factory: http://127.0.0.1:8470",
            ["device_type"] = "device_type: x86-64-cpu",
            ["trust"] = $"trust: {{ factory: {_folder}/factory, passports: {_folder}/teams }}",
        };
        var extras = new List<string>();
        foreach (var part in SplitTop(extra))
        {
            var key = part[..part.IndexOf(':', StringComparison.Ordinal)];
            if (keys.ContainsKey(key))
            {
                keys[key] = part;
            }
            else
            {
                extras.Add(part);
            }
        }

        return "models: { " + string.Join(", ", keys.Values.Concat(extras)) + " }\n";
    }

    private static IEnumerable<string> SplitTop(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        if (text.Trim().Length > 0)
        {
            yield return text[start..].Trim();
        }
    }
}
