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
        Assert.Equal(["humanoid", "conveyor", "pick_place_cell"], site.Robots.Select(r => r.Kind));
    }

    [Fact]
    public void Load_KindDefinedOnlyByItsFile_RunsWithoutACodeChange()
    {
        var folder = Directory.CreateTempSubdirectory("ef-kinds-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "kinds"));
            Directory.CreateDirectory(Path.Combine(folder, "sites"));
            File.WriteAllText(Path.Combine(folder, "kinds", "agv.yaml"), "kind: agv\ntasks:\n  haul:\n    states:\n      drive:\n        skill: wheels.drive\n        on: { done: completed }\n");
            File.WriteAllText(Path.Combine(folder, "sites", "plant.yaml"), "site: plant\ndevice: d1\nrobots:\n  - id: agv-1\n    kind: agv\n");

            var robot = Assert.Single(SiteFile.Load(Path.Combine(folder, "sites", "plant.yaml")).Robots);

            Assert.Equal(("agv", true), (robot.Kind, robot.Can("haul")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("site: demo\ndevice: d1\nrobots:\n  - id: r1\n    kind: Fork Lift\n", 5, 11, "kind 'Fork Lift'")]
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
    public void Load_DemoSite_GivesEachRobotItsKindsTasksAndSimulation()
    {
        var site = SiteFile.Load(RepositoryPaths.Of("robots", "sites", "demo.yaml"));

        Assert.Equal(["pick_place", "kit", "inspect"], site.Robot("humanoid-1")!.Tasks.Keys);
        Assert.True(site.Robot("cell-1")!.Can("sort"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), site.Robot("conveyor-1")!.Simulation.StepTime);
        Assert.Equal(20_000, site.Settings.MaxOpenTasks);
    }

    [Fact]
    public void Parse_TaskSubset_KeepsOnlyThoseTasks()
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n    tasks: [index]\n    simulation: { step_time: 0 }\n";

        var site = SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml"));

        Assert.Equal(["index"], site.Robots[0].Tasks.Keys);
        Assert.Equal(TimeSpan.Zero, site.Robots[0].Simulation.StepTime);
    }

    [Theory]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n    tasks: [index, weld]\n", 6, 20, "lists task 'weld'")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n    simulation: { failure_rate: 2 }\n", 6, 33, "between 0 and 1")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nsupervision: { on_robot_fault: ignore }\n", 6, 32, "must be reroute or fail")]
    [InlineData("site: s1\ndevice: d1\nkinds: nowhere\nrobots:\n  - id: c1\n    kind: conveyor\n", 6, 11, "kind file")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nmes:\n  reply_topics: [\"#\"]\n", 7, 18, "publish on any topic")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nmes:\n  reply_topics: [\"ef/v1/a#\"]\n", 7, 18, "not a valid MQTT topic filter")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nmes:\n  replies: x\n", 7, 3, "unknown key 'replies'")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\ntelemetry: { window: 100ms }\n", 6, 22, "between 1s and 1h")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\ntelemetry: { window: soon }\n", 6, 22, "must be a duration")]
    [InlineData("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\ntelemetry: { windows: 5s }\n", 6, 14, "unknown key 'windows'")]
    public void Parse_InvalidRobotSettings_NamesFileLineAndColumn(string yaml, int line, int column, string problem)
    {
        var file = RepositoryPaths.Of("robots", "sites", "inline.yaml");

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, file));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Line, (int)error.Column));
    }

    [Fact]
    public void Parse_TelemetryWindow_TakenOrTenSeconds()
    {
        var file = RepositoryPaths.Of("robots", "sites", "inline.yaml");
        const string Robots = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n";

        Assert.Equal(TimeSpan.FromSeconds(5), SiteFile.Parse(Robots + "telemetry: { window: 5s }\n", file).Settings.TelemetryWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), SiteFile.Parse(Robots, file).Settings.TelemetryWindow);
    }

    [Fact]
    public void Parse_ReplyTopics_SiteIdFilledIn()
    {
        var site = SiteFile.Parse("site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nmes:\n  reply_topics: [\"ef/v1/{site}/mes/replies/line-3/#\"]\n", RepositoryPaths.Of("robots", "sites", "x.yaml"));

        Assert.Equal(["ef/v1/s1/mes/replies/line-3/#"], site.Settings.ReplyTopics!);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => SiteFile.Load("/nonexistent/site.yaml"));
    }
}
