using System.Diagnostics;
using System.Globalization;
using System.Net;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.MesSimulation;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Runtime.Sites;
using Spectre.Console;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// The whole story on this machine: an embedded broker, the central factory, the edge on the <c>robot-sim</c> line and
/// a simulated MES. Version 1 of the arm policy runs and sets the baseline; version 2 is rolled out and passes its
/// gate because tasks per hour rose significantly (the demo's gate requires it); version 3 is rolled out and rolled
/// back by itself because its safety clamps and failures rose. It ends with tasks per hour and per kWh by version and the decisions taken, and passes only if all
/// of that happened with no task lost or done twice. Everything runs in wall-clock time.
/// </summary>
internal sealed class FactoryStory(string siteFile, TimeSpan bake, int port)
{
    private const string Slot = StoryFactory.Model;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(10);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextLine = TimeSpan.MaxValue;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var site = SiteFile.Load(siteFile);
        var folder = Directory.CreateTempSubdirectory("ef-demo-").FullName;
        AnsiConsole.MarkupLine($"[bold]EdgeFactory demo[/]: the factory rolls arm policy versions out to site [cyan]{site.SiteId}[/] and judges them by tasks per hour");
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, cancellationToken).ConfigureAwait(false);
        Say("broker", $"[green]ready[/] {broker.Url} (Mosquitto)");
        await using var factory = await StoryFactory.StartAsync(folder, broker, new IPEndPoint(IPAddress.Loopback, port), minFinished: 8, cancellationToken).ConfigureAwait(false);
        Say("factory", $"[green]ready[/]: arm_reach 1.0.0, 2.0.0 and 3.0.0 signed and pushed; dashboard [link]{factory.Host.Address}[/] (sign in with the token in {Markup.Escape(factory.TokenFile)})");
        await factory.EnrolAsync(site.SiteId, site.DeviceId, cancellationToken).ConfigureAwait(false);
        var storySite = await StorySite.WriteAsync(site, folder, factory, cancellationToken).ConfigureAwait(false);

        await using var controllers = ControllerSimulators.Start(site);
        await using var edge = EdgeProcess.Start(["edge", "run", "--site", storySite, "--broker", broker.Url, "--data", Path.Combine(folder, "edge")], Path.Combine(folder, "edge.log"));
        var ready = await edge.WaitReadyAsync(Settle, cancellationToken).ConfigureAwait(false);
        Say("edge", $"[green]{Markup.Escape(ready)}[/] (pid {edge.Id}), {controllers.Count} robot-sim controllers; its log: {Markup.Escape(Path.Combine(folder, "edge.log"))}");
        var v1Running = await RunningAsync(factory, site, "1.0.0", cancellationToken).ConfigureAwait(false);
        Say("edge", v1Running ? $"{site.DeviceId} verified and runs arm_reach [bold]1.0.0[/] from the factory" : "[red]arm_reach 1.0.0 never ran[/]");

        await using var mes = await MesSimulator.ConnectAsync(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "demo-mes" }, site.SiteId, cancellationToken).ConfigureAwait(false);
        var generator = new TaskGenerator(site.Robots.SelectMany(r => r.Tasks.Values), "demo", seed: 7);
        using var submitting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Four per robot: tasks are routed by type, so with fewer some robot would sometimes have none queued and wait.
        var open = 4 * site.Robots.Count;
        var keeper = MesKeeper.RunAsync(mes, generator, open, TimeProvider.System, submitting.Token);
        Say("mes", $"keeps {open} tasks open over the line (four per robot, routed by task type), so the robots seldom wait for work");
        _nextLine = _clock.Elapsed + LineEvery;

        // The baseline runs longer than a bake: every rollout's gate compares against it, and a longer one lets a smaller rise be significant.
        var baseline = bake * 1.5;
        Say("act 1", $"version 1 runs for {baseline.TotalSeconds:0} s: the baseline");
        await WatchAsync(mes, baseline, cancellationToken).ConfigureAwait(false);
        Say("act 2", $"roll out 2.0.0 (faster moves) to group {StoryFactory.Group}; the group is this one device, so its canary wave is the whole line");
        var (v2, v2Id, v2Verdict) = await RolloutAsync(factory, site, mes, "2.0.0", cancellationToken).ConfigureAwait(false);
        if (v2 == RolloutPhase.RolledBack && v2Id is not null)
        {
            // A rolled-back rollout waits for a person; close it so the story can go on to 3.0.0 (and still fail at the end).
            var closed = await factory.Client.AbortRolloutAsync(v2Id, "rolled back by its gate in the demo", cancellationToken).ConfigureAwait(false);
            Say("factory", Markup.Escape(closed.Message));
        }

        Say("act 3", "roll out 3.0.0 (overshoots: the safety envelope clamps it) the same way");
        var (v3, _, _) = await RolloutAsync(factory, site, mes, "3.0.0", cancellationToken).ConfigureAwait(false);
        var backOnV2 = await RunningAsync(factory, site, "2.0.0", cancellationToken).ConfigureAwait(false);
        Say("edge", backOnV2 ? $"{site.DeviceId} runs 2.0.0 again" : "[red]2.0.0 did not come back[/]");

        await submitting.CancelAsync().ConfigureAwait(false);
        await keeper.ConfigureAwait(false);
        Say("mes", $"done submitting; waiting for {mes.Open} open tasks to finish");
        var allFinal = await mes.WaitForFinalsAsync(Drain, cancellationToken).ConfigureAwait(false);
        var tally = mes.Tally();
        var exitCode = await edge.StopAsync(cancellationToken).ConfigureAwait(false);

        await StorySummary.WriteAsync(factory.Client, _clock.Elapsed, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine(
            $"tasks    submitted {tally.Submitted}, completed [green]{tally.Completed}[/], failed {tally.FailedTotal}, rejected {tally.RejectedTotal}, open {tally.Open}, "
            + $"lost {(tally.Lost == 0 ? "[green]0[/]" : $"[red]{tally.Lost}[/]")}, duplicated {(tally.Duplicated == 0 ? "[green]0[/]" : $"[red]{tally.Duplicated}[/]")}; "
            + $"[bold]{tally.TasksPerHour:N0} tasks/hour[/] over the whole run; {_clock.Elapsed.TotalSeconds:0} s of wall-clock time");
        var ok = v1Running && v2 == RolloutPhase.Completed && v3 == RolloutPhase.RolledBack && backOnV2 && allFinal && exitCode == 0
            && tally.Lost == 0 && tally.Duplicated == 0 && tally.Open == 0;
        AnsiConsole.MarkupLine(ok
            ? $"[green]demo passed[/]: 2.0.0 promoted ({Markup.Escape(Promotion(v2Verdict))}), 3.0.0 rolled back by itself, nothing lost or done twice"
            : $"[red]demo failed[/]: 2.0.0 {Phase(v2)}, 3.0.0 {Phase(v3)}, back on 2.0.0 {backOnV2}, all final {allFinal}, edge exit {exitCode}");
        return ok ? 0 : 1;
    }

    private async Task<(RolloutPhase? Phase, string? Id, GateVerdict? Verdict)> RolloutAsync(StoryFactory factory, SiteDefinition site, MesSimulator mes, string version, CancellationToken cancellationToken)
    {
        var (started, outcome) = await factory.Client.StartRolloutAsync(
            new RolloutStartRequest(StoryFactory.Model, version, site.SiteId, StoryFactory.Group, "100%", bake.TotalSeconds), cancellationToken).ConfigureAwait(false);
        if (started is null)
        {
            Say("factory", $"[red]rollout refused[/]: {Markup.Escape(outcome.Code ?? string.Empty)}: {Markup.Escape(outcome.Message)}");
            return (null, null, null);
        }

        Say("factory", $"rollout {Markup.Escape(started.Spec.Id)}: {started.Spec.PreviousVersion} → {version}, bake {bake.TotalSeconds:0} s, then the gate");
        var deadline = _clock.Elapsed + (4 * bake) + TimeSpan.FromSeconds(30);
        RolloutStatus? now = started;
        var waiting = false;
        while (_clock.Elapsed < deadline)
        {
            // Asked every second, so the story goes on as soon as the factory decides; the line is still shown every 10 s.
            await WatchAsync(mes, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var (all, _) = await factory.Client.ListRolloutsAsync(cancellationToken).ConfigureAwait(false);
            now = all?.FirstOrDefault(r => r.Spec.Id == started.Spec.Id) ?? now;
            if (now.LastVerdict is { Decision: Factory.Rollout.Gates.GateDecision.Wait } && !waiting)
            {
                waiting = true;
                Say("gate", $"waits: {Markup.Escape(now.LastVerdict.Summary)}");
            }

            if (now.Phase != RolloutPhase.Baking)
            {
                break;
            }
        }

        StorySummary.Verdict(now);
        return (now.Phase, started.Spec.Id, now.LastVerdict);
    }

    private async Task<bool> RunningAsync(StoryFactory factory, SiteDefinition site, string version, CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + Settle;
        while (_clock.Elapsed < deadline)
        {
            var device = factory.Host.Fleet.Snapshot().Devices.FirstOrDefault(d => d.Site == site.SiteId && d.Device == site.DeviceId);
            if (device is not null && device.Models.Any(m => m.Slot == Slot && m.Version == version))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    // A line every 10 s so a person sees the line work while a rollout bakes.
    private async Task WatchAsync(MesSimulator mes, TimeSpan span, CancellationToken cancellationToken)
    {
        var until = _clock.Elapsed + span;
        while (until - _clock.Elapsed is var left && left > TimeSpan.FromMilliseconds(100))
        {
            var toLine = _nextLine - _clock.Elapsed;
            await Task.Delay(left < toLine ? left : toLine > TimeSpan.Zero ? toLine : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (_clock.Elapsed < _nextLine)
            {
                continue;
            }

            _nextLine = _clock.Elapsed + LineEvery;
            var tasks = mes.Tasks.Values.ToList();
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                "[grey]{0,5:0} s   completed {1}, failed {2}, open {3}; {4:N0} tasks/hour over the last minute[/]",
                _clock.Elapsed.TotalSeconds, tasks.Count(t => t.Final == Contracts.Tasks.TaskState.Completed), tasks.Count(t => t.Final == Contracts.Tasks.TaskState.Failed),
                mes.Open, TrackedTasks.TasksPerHour(tasks, TimeSpan.FromMinutes(1)));
        }
    }

    // What the gate said about tasks per hour when it passed 2.0.0: a significant rise, or only that nothing was worse.
    private static string Promotion(GateVerdict? verdict) =>
        verdict?.Checks.FirstOrDefault(c => c.Metric == "tasks_per_hour") is not { } rate
            ? "its gate passed"
            : rate.PBetter < 0.05
                ? string.Create(CultureInfo.InvariantCulture, $"tasks per hour rose significantly: {rate.Wave:N0} against {rate.Baseline:N0}, p = {rate.PBetter:0.####}")
                : string.Create(CultureInfo.InvariantCulture, $"nothing worse than 1.0.0; tasks per hour {rate.Wave:N0} against {rate.Baseline:N0}, a difference this sample cannot call significant");

    private static string Phase(RolloutPhase? phase) => phase?.ToString().ToLowerInvariant() ?? "not started";

    private void Say(string who, string what) =>
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0,5:0} s[/] {1,-8} {2}", _clock.Elapsed.TotalSeconds, who, what);
}
