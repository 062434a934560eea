using EdgeFactory.Runtime.Motion;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Sites;

public sealed class SiteLinkTests
{
    private const string Policies = "policies:\n  arm_reach: ../../models/policy/arm_reach_v1.onnx\n  gripper: ../../models/policy/gripper_v1.onnx\n";

    [Fact]
    public void Load_LineSite_GivesEveryControllerItsAddressAndMotion()
    {
        var site = SiteFile.Load(RepositoryPaths.Of("robots", "sites", "line.yaml"));

        var cell = site.Robot("cell-1")!;
        Assert.True(cell.OnLink);
        Assert.Equal(new Uri("udp://127.0.0.1:47104"), cell.Links["arm"]);
        Assert.Equal(ControllerDevice.Gripper, cell.Motion!.Controllers["gripper"].Device);
        Assert.Equal(["arm", "gripper"], cell.Motion.Skills["gripper.pick"].Moves.Select(m => m.Controller));
        Assert.Equal(["belt"], site.Robot("conveyor-1")!.Links.Keys);
        Assert.Equal(RepositoryPaths.Of("models", "policy", "arm_reach_v1.onnx"), site.Settings.Policies["arm_reach"]);
        Assert.Equal((250, 10), (site.Settings.ControlRateHz, site.Settings.ChunkRateHz));
    }

    [Fact]
    public void Load_DemoSite_RunsSimulated()
    {
        var site = SiteFile.Load(RepositoryPaths.Of("robots", "sites", "demo.yaml"));

        Assert.All(site.Robots, robot => Assert.False(robot.OnLink));
    }

    [Theory]
    [InlineData("    link: tcp://127.0.0.1:1\n", 6, 11, "must be an address such as udp://")]
    [InlineData("    link: udp://127.0.0.1\n", 6, 11, "must be an address such as udp://")]
    [InlineData("    link: udp://127.0.0.1:47000\n", 6, 11, "has 2 controllers (arm, gripper); give each its address")]
    [InlineData("    link: { arm: udp://127.0.0.1:1 }\n", 6, 11, "controller 'gripper' of a pick_place_cell has no address")]
    [InlineData("    link: { arm: udp://127.0.0.1:1, gripper: udp://127.0.0.1:2, belt: udp://127.0.0.1:3 }\n", 6, 11, "link 'belt' is not a controller")]
    [InlineData("    link: { }\n", 6, 11, "names no controller")]
    public void Parse_BadLink_NamesFileLineAndColumn(string link, int line, int column, string problem)
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n" + link + Policies;

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml")));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Line, (int)error.Column));
    }

    [Fact]
    public void Parse_PolicyTheSiteDoesNotName_IsALoadError()
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n    link: { arm: udp://127.0.0.1:1, gripper: udp://127.0.0.1:2 }\npolicies:\n  gripper: g.onnx\n";

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml")));

        Assert.Contains("policy 'arm_reach', which the site file's 'policies:' does not name", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinkedRobotWhoseSkillHasNoMotion_IsALoadError()
    {
        using var folder = new KindsFolder("kind: agv\ntasks:\n  haul:\n    states:\n      drive:\n        skill: wheels.drive\n        on: { done: completed }\nmotion:\n  controllers:\n    belt: { device: conveyor }\n  skills:\n    belt.run: { controller: belt, speed: 0.2 }\n");

        var error = Assert.Throws<YamlFileException>(() => folder.LoadSite("    link: udp://127.0.0.1:9\n"));

        Assert.Contains("skill 'wheels.drive' (task 'haul', state 'drive') has no entry under 'motion.skills'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinkedRobotOfAKindWithoutMotion_IsALoadError()
    {
        using var folder = new KindsFolder("kind: agv\ntasks:\n  haul:\n    states:\n      drive:\n        skill: wheels.drive\n        on: { done: completed }\n");

        var error = Assert.Throws<YamlFileException>(() => folder.LoadSite("    link: udp://127.0.0.1:9\n"));

        Assert.Contains("has no 'motion:' section", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    belt: { device: tank }\n  skills: {}\n", "must be arm, gripper or conveyor")]
    [InlineData("    arm: { device: arm }\n  skills: {}\n", "needs a 'policy'")]
    [InlineData("    belt: { device: conveyor }\n  skills:\n    belt.run: { controller: arm, speed: 1 }\n", "controller 'arm', which 'motion.controllers' does not define")]
    [InlineData("    belt: { device: conveyor }\n  skills:\n    belt.run: { controller: belt }\n", "exactly one of")]
    [InlineData("    belt: { device: conveyor }\n  skills:\n    belt.run: { controller: belt, pose: [1] }\n", "a conveyor has no pose")]
    [InlineData("    arm: { device: arm, policy: p }\n  skills:\n    arm.go: { controller: arm, speed: 1 }\n", "only a conveyor runs at a speed")]
    [InlineData("    arm: { device: arm, policy: p }\n  skills:\n    arm.go: { controller: arm, pose: [1, x] }\n", "must be a number")]
    [InlineData("    arm: { device: arm, policy: p, keep_out: [ { name: b, min: [0, 0, 0], max: [1, 0, 1] } ] }\n  skills: {}\n", "must be greater than the same one of 'min'")]
    [InlineData("    arm: { device: arm, policy: p, max_step: 0 }\n  skills: {}\n", "'max_step' must be greater than 0")]
    [InlineData("    belt: { device: conveyor }\n  skills:\n    belt.run: { controller: belt, pose: [0], grasp: true }\n", "a conveyor has no pose")]
    public void Parse_BadMotion_NamesTheProblem(string controllers, string problem)
    {
        using var folder = new KindsFolder("kind: agv\ntasks:\n  haul:\n    states:\n      drive:\n        skill: vision.locate\n        on: { done: completed }\nmotion:\n  controllers:\n" + controllers);

        var error = Assert.Throws<YamlFileException>(() => folder.LoadSite(string.Empty));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.EndsWith("agv.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Io_GivesTheLinesAndDriver()
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\nio:\n  gpio: libgpiod\n  chip: 1\n  estop: { line: 5, active: high }\n  stack_light: { green: 6, amber: 7, red: 8 }\n";

        var io = SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml")).Settings.Io;

        Assert.Equal((true, 1, 5, true, (6, 7, 8)), (io.LibGpiod, io.Chip, io.EmergencyStopLine, io.EmergencyStopActiveHigh, io.StackLight));
    }

    [Theory]
    [InlineData("io:\n  gpio: sysfs\n", 7, 9, "must be libgpiod")]
    [InlineData("io:\n  estop: { line: 5, active: sideways }\n", 7, 29, "must be low")]
    [InlineData("io:\n  estop: { line: 22 }\n", 7, 3, "four different lines")]
    [InlineData("io:\n  stack_light: { blue: 3 }\n", 7, 18, "unknown key 'blue'")]
    public void Parse_BadIo_NamesFileLineAndColumn(string io, int line, int column, string problem)
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n" + io;

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml")));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Line, (int)error.Column));
    }

    [Theory]
    [InlineData("    energy: battery\n", 6, 13, "must be plant")]
    [InlineData("    energy: { ina219: { address: 200 } }\n", 6, 34, "whole number from 64 to 79")]
    [InlineData("    energy: { meter: 1 }\n", 6, 13, "names ina3221")]
    public void Parse_BadEnergy_NamesFileLineAndColumn(string energy, int line, int column, string problem)
    {
        var yaml = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: conveyor\n" + energy;

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(yaml, RepositoryPaths.Of("robots", "sites", "inline.yaml")));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Line, (int)error.Column));
    }

    /// <summary>A temporary kinds folder with one kind, <c>agv</c>, and a site placing one robot of it.</summary>
    private sealed class KindsFolder : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("ef-motion-").FullName;

        public KindsFolder(string kind)
        {
            Directory.CreateDirectory(Path.Combine(_root, "kinds"));
            Directory.CreateDirectory(Path.Combine(_root, "sites"));
            File.WriteAllText(Path.Combine(_root, "kinds", "agv.yaml"), kind);
        }

        public SiteDefinition LoadSite(string link)
        {
            var path = Path.Combine(_root, "sites", "plant.yaml");
            File.WriteAllText(path, "site: plant\ndevice: d1\nrobots:\n  - id: agv-1\n    kind: agv\n" + link + "policies:\n  p: p.onnx\n");
            return SiteFile.Load(path);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
