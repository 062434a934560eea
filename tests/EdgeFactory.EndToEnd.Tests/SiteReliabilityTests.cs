using System.Globalization;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>The edge runtime as a child process against a real broker and a real journal, failing the ways sites fail.</summary>
public sealed class SiteReliabilityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-reliability-").FullName;

    [Fact]
    public async Task EdgeKilledWithTasksQueuedAndRunning_AfterRestartEveryTaskEndsExactlyOnce()
    {
        var site = WriteSite("kill", "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 60ms, jitter: 0 }\n  - id: c2\n    kind: conveyor\n    simulation: { step_time: 60ms, jitter: 0 }\n");
        var data = Path.Combine(_folder, "data");
        await using var mes = await MesProbe.ConnectAsync(PersistentMes("kill"), "kill");
        var ids = Enumerable.Range(0, 80).Select(i => $"k{i}").ToList();

        await using (var edge = StartEdge(site, data))
        {
            await edge.WaitForLineAsync("ready site=kill");
            foreach (var id in ids)
            {
                // transfer resumes after a crash; index fails with interrupted_by_restart.
                await mes.SubmitAsync(Submission(id));
            }

            await Eventually.TrueAsync(() => ids.Count(id => mes.StatusesOf(id).Any(s => s.State.IsFinal())) >= 10, "ten tasks done before the kill");
            await edge.KillAsync();
        }

        // The edge is dead: every status it made before the kill carries an earlier time than this.
        var killedAt = DateTimeOffset.UtcNow;
        var running = ids.Where(id => mes.StatusesOf(id).Any(s => s.State == TaskState.Started) && !mes.StatusesOf(id).Any(s => s.State.IsFinal())).ToList();
        var waiting = ids.Where(id => mes.StatusesOf(id).Any(s => s.State == TaskState.Queued) && !mes.StatusesOf(id).Any(s => s.State != TaskState.Queued && s.State != TaskState.Accepted)).ToList();
        Assert.NotEmpty(running);
        Assert.NotEmpty(waiting);

        // Submissions while the edge is down wait in its broker session.
        var whileDown = Enumerable.Range(0, 10).Select(i => $"d{i}").ToList();
        foreach (var id in whileDown)
        {
            await mes.SubmitAsync(Submission(id));
        }

        await using (var edge = StartEdge(site, data))
        {
            await edge.WaitForLineAsync("ready site=kill");

            // What the kill cut off before it was acknowledged, the MES sends again with the same id.
            foreach (var id in ids.Where(id => !mes.StatusesOf(id).Any(s => s.State == TaskState.Accepted)))
            {
                await mes.SubmitAsync(Submission(id));
            }

            await Eventually.TrueAsync(() => ids.Concat(whileDown).All(id => mes.StatusesOf(id).Any(s => s.State.IsFinal())), "a final status for every task", TimeSpan.FromMinutes(2));
        }

        foreach (var id in ids.Concat(whileDown))
        {
            var finals = mes.StatusesOf(id).Where(s => s.State.IsFinal()).DistinctBy(s => s.Sequence).ToList();
            Assert.True(finals.Count == 1, $"{id}: {string.Join(", ", finals.Select(f => $"{f.State}#{f.Sequence}"))}");
            Assert.True(finals[0].State == TaskState.Completed || finals[0].Error?.Code == TaskErrorCodes.InterruptedByRestart, $"{id}: {finals[0].State} {finals[0].Error?.Code}");
        }

        Assert.Contains(running, id => mes.StatusesOf(id).Any(s => s.Error?.Code == TaskErrorCodes.InterruptedByRestart) || mes.StatusesOf(id).Count(s => s.State == TaskState.Started) == 2);
        // A task the MES saw only queued may have started just before the kill, its started status journaled but not yet
        // delivered: sent again after the restart, it carries the time it was made, and that task may end interrupted.
        Assert.All(
            waiting.Where(id => !mes.StatusesOf(id).Any(s => s.State == TaskState.Started && s.At < killedAt)),
            id => Assert.Equal(TaskState.Completed, mes.StatusesOf(id).Single(s => s.State.IsFinal()).State));
    }

    [Fact]
    public async Task BrokerRestartedMidRun_NoAcceptedTaskLostAndStatusesArriveAfterReconnect()
    {
        await using var broker = await Mqtt.Broker.MosquittoBroker.StartAsync(new Mqtt.Broker.BrokerOptions { DataDirectory = Path.Combine(_folder, "broker") }, null, CancellationToken.None);
        var site = WriteSite("restart", "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 100ms, jitter: 0 }\n");
        var mesOptions = new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "mes-restart", CleanStart = false, SessionExpiry = TimeSpan.FromHours(1) };
        await using var mes = await MesProbe.ConnectAsync(mesOptions, "restart");
        await using var edge = StartEdge(site, Path.Combine(_folder, "data"), broker.Url);
        await edge.WaitForLineAsync("ready site=restart");
        var ids = Enumerable.Range(0, 30).Select(i => $"r{i}").ToList();
        foreach (var id in ids)
        {
            await mes.SubmitAsync($$"""{"taskId":"{{id}}","taskType":"index"}""");
        }

        await Eventually.TrueAsync(() => ids.All(id => mes.StatusesOf(id).Any(s => s.State == TaskState.Accepted)), "all accepted");
        await broker.StopAsync(CancellationToken.None);
        var seenBeforeOutage = ids.Sum(id => mes.StatusesOf(id).Count);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the robot keeps working while the broker is down
        await broker.RestartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => ids.All(id => mes.StatusesOf(id).Any(s => s.State.IsFinal())), "every task final after the restart", TimeSpan.FromMinutes(2));

        Assert.All(ids, id => Assert.Equal(TaskState.Completed, mes.StatusesOf(id).First(s => s.State.IsFinal()).State));
        Assert.All(ids, id => Assert.Equal(mes.StatusesOf(id).Max(s => s.Sequence), mes.StatusesOf(id).Select(s => s.Sequence).Distinct().Count()));
        Assert.True(ids.Sum(id => mes.StatusesOf(id).Count) > seenBeforeOutage);
    }

    [Fact]
    public async Task RobotAgentKeepsCrashing_RobotFaultedItsTasksReroutedOrFailedOthersWork()
    {
        var site = WriteSite(
            "crash",
            "  - id: broken\n    kind: conveyor\n    simulation: { step_time: 20ms, crash_rate: 1 }\n  - id: healthy\n    kind: conveyor\n    simulation: { step_time: 20ms }\n",
            "supervision: { max_restarts: 2, window: 1m, backoff: 50ms, max_backoff: 200ms, on_robot_fault: reroute }\n");
        await using var mes = await MesProbe.ConnectAsync(fixture.ClientOptions(), "crash");
        await using var observer = await fixture.ConnectAsync();
        await observer.SubscribeAsync(Contracts.Topics.Topics.RobotState("crash", "broken"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var edge = StartEdge(site, Path.Combine(_folder, "data"));
        await edge.WaitForLineAsync("ready site=crash");

        await mes.SubmitAsync("""{"taskId":"pinned","taskType":"index","robotId":"broken"}""");
        for (var i = 0; i < 6; i++)
        {
            await mes.SubmitAsync($$"""{"taskId":"free{{i}}","taskType":"index"}""");
        }

        var pinned = await mes.WaitForFinalAsync("pinned");
        Assert.Equal((TaskState.Failed, TaskErrorCodes.RobotFaulted), (pinned.State, pinned.Error!.Code));
        for (var i = 0; i < 6; i++)
        {
            var done = await mes.WaitForFinalAsync($"free{i}");
            Assert.Equal((TaskState.Completed, "healthy"), (done.State, done.RobotId));
        }

        await Eventually.ReadUntilAsync(observer.Messages, m => System.Text.Encoding.UTF8.GetString(m.Payload.Span).Contains("\"faulted\"", StringComparison.Ordinal), "broken robot faulted");
        await mes.SubmitAsync("""{"taskId":"after","taskType":"index","robotId":"broken"}""");
        Assert.Equal(TaskErrorCodes.RobotFaulted, (await mes.WaitForStateAsync("after", TaskState.Rejected)).Error!.Code);
        await mes.SubmitAsync("""{"taskId":"later","taskType":"index"}""");
        Assert.Equal("healthy", (await mes.WaitForStateAsync("later", TaskState.Completed)).RobotId);
    }

    [Fact]
    public async Task SecondEdgeOnTheSameDataDirectory_ExitsAtOnceNamingTheRunningOneWhichCarriesOn()
    {
        var site = WriteSite("twice", "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 10ms, jitter: 0 }\n");
        var data = Path.Combine(_folder, "data");
        await using var mes = await MesProbe.ConnectAsync(fixture.ClientOptions(), "twice");
        await using var first = StartEdge(site, data);
        await first.WaitForLineAsync("ready site=twice");

        await using var second = StartEdge(site, data);
        var code = await second.WaitForExitAsync();

        Assert.Equal(1, code);
        Assert.Contains(Path.GetFullPath(data), second.Error, StringComparison.Ordinal);
        Assert.Contains($"process {first.Id}", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", second.Output, StringComparison.Ordinal);
        await mes.SubmitAsync("""{"taskId":"after-second","taskType":"index"}""");
        Assert.Equal(TaskState.Completed, (await mes.WaitForFinalAsync("after-second")).State);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Submission(string id) =>
        int.Parse(id[1..], CultureInfo.InvariantCulture) % 2 == 0
            ? $$$"""{"taskId":"{{{id}}}","taskType":"transfer","parameters":{"from_station":1,"to_station":2}}"""
            : $$"""{"taskId":"{{id}}","taskType":"index"}""";

    private MqttClientOptions PersistentMes(string site) =>
        fixture.ClientOptions($"mes-{site}") with { CleanStart = false, SessionExpiry = TimeSpan.FromHours(1) };

    private CliProcess StartEdge(string site, string data, string? broker = null) =>
        CliProcess.Start("edge", "run", "--site", site, "--broker", broker ?? fixture.Broker.Url, "--data", data);

    private string WriteSite(string id, string robots, string extra = "")
    {
        var path = Path.Combine(_folder, $"{id}.yaml");
        File.WriteAllText(path, $"site: {id}\ndevice: d1\nkinds: {RepositoryPaths.Of("robots", "kinds")}\nrobots:\n{robots}{extra}");
        return path;
    }
}
