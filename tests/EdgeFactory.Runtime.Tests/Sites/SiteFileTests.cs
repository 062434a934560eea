using EdgeFactory.Contracts.Robots;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Sites;

public sealed class SiteFileTests
{
    [Fact]
    public void Load_DemoSite_HasItsRobots()
    {
        var site = SiteFile.Load(RepositoryPaths.Of("robots", "sites", "demo.yaml"));

        Assert.Equal("demo", site.SiteId);
        Assert.Equal("jetson-demo-1", site.DeviceId);
        Assert.Equal([RobotKind.Humanoid, RobotKind.Conveyor, RobotKind.PickPlaceCell], site.Robots.Select(r => r.Kind));
    }

    [Theory]
    [InlineData("site: demo\ndevice: d1\nrobots:\n  - id: r1\n    kind: forklift\n", 5, 11, "kind 'forklift'")]
    [InlineData("site: demo\ndevice: d1\nrobots:\n  - id: r1\n    kind: conveyor\n    speed: 3\n", 6, 5, "unknown key 'speed'")]
    [InlineData("site: demo\ndevice: d1\nrobots:\n  - id: r1\n    kind: conveyor\n  - id: r1\n    kind: humanoid\n", 6, 5, "appears twice")]
    [InlineData("site: de/mo\ndevice: d1\nrobots: []\n", 1, 7, "site 'de/mo' is invalid")]
    [InlineData("site: fleet\ndevice: d1\nrobots:\n  - id: r1\n    kind: conveyor\n", 1, 1, "reserved")]
    [InlineData("site: demo\nrobots:\n  - id: r1\n    kind: conveyor\n", 1, 1, "'device' is required")]
    [InlineData("site: demo\ndevice: d1\nrobots: []\n", 1, 1, "at least one robot")]
    [InlineData("site: demo\ndevice: d1\nrobots: conveyor\n", 3, 9, "must be a list")]
    [InlineData("site: demo\ndevice: [d1\n", 3, 1, "")]
    [InlineData("- just\n- a list\n", 1, 1, "must be a YAML mapping")]
    public void Parse_Invalid_NamesFileLineAndColumn(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, "sites/bad.yaml"));

        Assert.Equal("sites/bad.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"sites/bad.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => SiteFile.Load("/nonexistent/site.yaml"));
    }
}
