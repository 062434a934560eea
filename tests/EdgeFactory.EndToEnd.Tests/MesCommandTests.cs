using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary><c>mes send</c>, <c>mes sim</c> and <c>robots</c> as people run them, against an edge child process.</summary>
public sealed class MesCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-mes-cli-").FullName;

    [Fact]
    public async Task MesSend_ValidTask_PrintsEachStatusAndExitsZeroWhenCompleted()
    {
        await using var edge = await StartEdgeAsync("send");

        var (code, output, error) = await CliProcess.RunAsync(
            "mes", "send", "--broker", fixture.Broker.Url, "--site", "send", "--type", "pick_place", "--id", "WO-1",
            "--param", "part=bracket", "--param", "from_bin=3", "--param", "to_bin=12");

        Assert.True(code == 0, error + output);
        var states = output.Split('\n').Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["accepted", "queued", "started", "step", "step", "step", "completed"], states);
    }

    [Fact]
    public async Task MesSend_ParameterOutOfRange_PrintsTheRejectionAndExitsOne()
    {
        await using var edge = await StartEdgeAsync("reject");

        var (code, output, _) = await CliProcess.RunAsync(
            "mes", "send", "--broker", fixture.Broker.Url, "--site", "reject", "--type", "pick_place",
            "--param", "part=bracket", "--param", "from_bin=3", "--param", "to_bin=99");

        Assert.Equal(1, code);
        Assert.StartsWith("rejected   invalid_parameter:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MesSim_AtSteadyRate_ReportsNothingLostOrDuplicated()
    {
        await using var edge = await StartEdgeAsync("sim");

        var (code, output, error) = await CliProcess.RunAsync("mes", "sim", "--broker", fixture.Broker.Url, "--site", "sim", "--rate", "20/s", "--count", "40", "--json");

        Assert.True(code == 0, error + output);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(report.RootElement.GetProperty("tasksPerHour").GetDouble() > 0);
        Assert.Contains("\"submitted\":40", output, StringComparison.Ordinal);
        Assert.Contains("\"open\":0", output, StringComparison.Ordinal);
        Assert.Contains("\"lost\":0", output, StringComparison.Ordinal);
        Assert.Contains("\"duplicated\":0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MesSim_NoEdgeOnTheSite_ExitsThreeSayingSo()
    {
        var (code, _, error) = await CliProcess.RunAsync("mes", "sim", "--broker", fixture.Broker.Url, "--site", "nobody", "--rate", "5/s", "--count", "1");

        Assert.Equal(3, code);
        Assert.Contains("is its edge running?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MesSim_OnlyOfflineRobotsRetained_SendsNothingAndNamesThem()
    {
        await using (var client = await fixture.ConnectAsync())
        {
            var state = new Contracts.Robots.RobotStateMessage("conveyor-1", "conveyor", Contracts.Robots.RobotMode.Offline, DateTimeOffset.UtcNow);
            await client.PublishAsync(
                Contracts.Topics.Topics.RobotState("gone", "conveyor-1"),
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, Contracts.Json.ContractsJsonContext.Default.RobotStateMessage),
                Mqtt.MqttQos.AtLeastOnce,
                retain: true);
        }

        var (code, output, error) = await CliProcess.RunAsync("mes", "sim", "--broker", fixture.Broker.Url, "--site", "gone", "--rate", "5/s", "--count", "1");

        Assert.Equal(3, code);
        Assert.Contains("conveyor-1 is offline", error, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dot", "digraph \"pick_place\"")]
    [InlineData("mermaid", "stateDiagram-v2")]
    public async Task RobotsGraph_RobotOfTheDemoSite_PrintsTheFlow(string format, string expected)
    {
        var (code, output, _) = await CliProcess.RunAsync("robots", "graph", "humanoid-1", "pick_place", "--format", format);

        Assert.Equal(0, code);
        Assert.StartsWith(expected, output, StringComparison.Ordinal);
        Assert.Contains("locate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotsGraph_UnknownTask_ExitsTwoListingTheTasks()
    {
        var (code, _, error) = await CliProcess.RunAsync("robots", "graph", "conveyor-1", "weld");

        Assert.Equal(2, code);
        Assert.Contains("transfer, index, stop", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotsCheck_BadKindFile_ExitsTwoNamingFileLineAndColumn()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "kinds"));
        Directory.CreateDirectory(Path.Combine(_folder, "sites"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "kinds", "conveyor.yaml"), "kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: nowhere }\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "sites", "s.yaml"), "site: s\ndevice: d\nrobots:\n  - id: c1\n    kind: conveyor\n");

        var (code, _, error) = await CliProcess.RunAsync("robots", "check", Path.Combine(_folder, "sites", "s.yaml"));

        Assert.Equal(2, code);
        Assert.Contains("conveyor.yaml:7:15: state 'advance' goes to 'nowhere'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotsCheck_DemoSite_ListsRobotsAndTasks()
    {
        var (code, output, _) = await CliProcess.RunAsync("robots", "check", "robots/sites/demo.yaml");

        Assert.Equal(0, code);
        Assert.Contains("ok: site demo, 3 robots", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<CliProcess> StartEdgeAsync(string site)
    {
        var file = Path.Combine(_folder, $"{site}.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(RepositoryPaths.Of("robots", "sites", "demo.yaml")))
            .Replace("site: demo", $"site: {site}\nkinds: {RepositoryPaths.Of("robots", "kinds")}", StringComparison.Ordinal)
            .Replace("failure_rate: 0.01", "failure_rate: 0", StringComparison.Ordinal)
            .Replace("failure_rate: 0.02", "failure_rate: 0", StringComparison.Ordinal)
            .Replace("step_time: 400ms", "step_time: 20ms", StringComparison.Ordinal)
            .Replace("step_time: 250ms", "step_time: 20ms", StringComparison.Ordinal)
            .Replace("step_time: 200ms", "step_time: 20ms", StringComparison.Ordinal));
        var edge = CliProcess.Start("edge", "run", "--site", file, "--broker", fixture.Broker.Url, "--data", Path.Combine(_folder, site));
        await edge.WaitForLineAsync($"ready site={site}");
        return edge;
    }
}
