using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.MesSimulation;
using EdgeFactory.Runtime.Sites;
using Spectre.Console;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// Runs the demo: embedded Mosquitto, an edge process for the site (started as systemd would),
/// and an observer on the site's topics showing what a line engineer would see.
/// </summary>
internal sealed class DemoRun(string siteFile, TimeSpan duration, double rate)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var site = SiteFile.Load(siteFile);
        AnsiConsole.MarkupLine($"[bold]EdgeFactory demo[/]: site [cyan]{site.SiteId}[/], device [cyan]{site.DeviceId}[/], {site.Robots.Count} robots, for {duration.TotalSeconds:0.#} s");

        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"broker   [green]ready[/] {broker.Url} (Mosquitto, data in {Markup.Escape(broker.DataDirectory)})");

        await using var observerClient = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "demo-observer" });
        await observerClient.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await observerClient.SubscribeAsync(Topics.EverythingAt(site.SiteId), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        var observer = new SiteObserver();
        using var stopObserving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observing = observer.RunAsync(observerClient, stopObserving.Token);

        // Robots on the robot link get their controllers first, as on a line where the controllers run before the edge.
        await using var controllers = ControllerSimulators.Start(site);
        if (controllers.Count > 0)
        {
            AnsiConsole.MarkupLine($"robots   {controllers.Count} robot-sim controllers for the robots on the robot link");
        }

        var button = Path.Combine(broker.DataDirectory, "estop-button");
        await File.WriteAllTextAsync(button, "released", cancellationToken).ConfigureAwait(false);
        // The edge's log outlives the broker's folder, so a person can read it after the run.
        var log = Path.Combine(Directory.CreateTempSubdirectory("ef-demo-").FullName, "edge.log");
        await using var edge = EdgeProcess.Start(["edge", "run", "--site", site.SourcePath, "--broker", broker.Url, "--data", Path.Combine(broker.DataDirectory, "edge"), "--simulated-estop", button], log);
        var ready = await edge.WaitReadyAsync(Settle, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"edge     [green]{Markup.Escape(ready)}[/] (pid {edge.Id}); its log: {Markup.Escape(log)}");

        var allOnline = await WaitForAsync(() => IsOnline(observer, site), cancellationToken).ConfigureAwait(false);

        // The MES: tasks at a steady rate while the table shows what each robot does.
        await using var mes = await MesSimulator.ConnectAsync(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "demo-mes" }, site.SiteId, cancellationToken).ConfigureAwait(false);
        var generator = new TaskGenerator(site.Robots.SelectMany(r => r.Tasks.Values), "demo", seed: 7);
        AnsiConsole.MarkupLine($"mes      submitting {rate:0.#} tasks/s for {duration.TotalSeconds:0} s");
        var started = DateTime.UtcNow;
        var submitting = MesPacer.RunAsync(mes, generator, rate, duration, null, cancellationToken);
        var estop = new DemoEmergencyStop(button);
        await ShowAsync(observer, mes, site, started, submitting, estop, cancellationToken).ConfigureAwait(false);
        if (estop.Pressed)
        {
            // Nothing moves while it is tripped: release it so queued tasks can finish.
            await estop.ToggleAsync(cancellationToken).ConfigureAwait(false);
        }

        // Robots finish what is queued before the edge stops: an open task at the end would be unfinished, not lost.
        AnsiConsole.MarkupLine($"mes      done submitting; waiting for {mes.Open} open tasks to finish");
        var allFinal = await mes.WaitForFinalsAsync(Drain, cancellationToken).ConfigureAwait(false);
        var tally = mes.Tally();

        AnsiConsole.MarkupLine("edge     stopping with SIGTERM…");
        var exitCode = await edge.StopAsync(cancellationToken).ConfigureAwait(false);
        var allOffline = await WaitForAsync(() => IsOffline(observer, site), cancellationToken).ConfigureAwait(false);
        await stopObserving.CancelAsync().ConfigureAwait(false);
        await observing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);

        AnsiConsole.Write(Snapshot(observer, mes, site, started));
        var ok = allOnline && allOffline && allFinal && exitCode == 0 && observer.InvalidMessages == 0 && tally.Lost == 0 && tally.Open == 0 && tally.Duplicated == 0 && tally.Completed > 0;
        AnsiConsole.MarkupLine(
            $"summary  robots online: {(allOnline ? "[green]all[/]" : "[red]not all[/]")}; clean stop: {(allOffline && exitCode == 0 ? "[green]yes[/]" : $"[red]no (exit {exitCode})[/]")}; "
            + $"messages seen: {observer.MessagesSeen}; invalid: {observer.InvalidMessages}");
        AnsiConsole.MarkupLine(
            $"tasks    submitted {tally.Submitted}, accepted {tally.Accepted}, completed [green]{tally.Completed}[/], failed {tally.FailedTotal}{Codes(tally.Failed)}, rejected {tally.RejectedTotal}{Codes(tally.Rejected)}, "
            + $"open {tally.Open}, lost {(tally.Lost == 0 ? "[green]0[/]" : $"[red]{tally.Lost}[/]")}, duplicated {(tally.Duplicated == 0 ? "[green]0[/]" : $"[red]{tally.Duplicated}[/]")}; "
            + $"[bold]{tally.TasksPerHour:N0} tasks/hour[/] (first acceptance to last final status)");
        AnsiConsole.MarkupLine(ok ? "[green]demo passed[/]" : "[red]demo failed[/]");
        return ok ? 0 : 1;
    }

    private static bool IsOnline(SiteObserver observer, SiteDefinition site) =>
        observer.Devices.TryGetValue(site.DeviceId, out var device) && device.Presence == DevicePresence.Online
        && site.Robots.All(r => observer.Robots.TryGetValue(r.RobotId, out var s) && s.Mode != RobotMode.Offline);

    private static bool IsOffline(SiteObserver observer, SiteDefinition site) =>
        observer.Devices.TryGetValue(site.DeviceId, out var device) && device.Presence == DevicePresence.Offline
        && site.Robots.All(r => observer.Robots.TryGetValue(r.RobotId, out var s) && s.Mode == RobotMode.Offline);

    private static async Task<bool> WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Settle;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static async Task ShowAsync(SiteObserver observer, MesSimulator mes, SiteDefinition site, DateTime started, Task submitting, DemoEmergencyStop estop, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            await submitting.ConfigureAwait(false);
            return;
        }

        AnsiConsole.MarkupLine("keys     [bold]e[/] trips the e-stop, [bold]e[/] again releases and resets it");
        await AnsiConsole.Live(Snapshot(observer, mes, site, started)).StartAsync(async context =>
        {
            while (!submitting.IsCompleted)
            {
                while (!Console.IsInputRedirected && Console.KeyAvailable)
                {
                    if (Console.ReadKey(intercept: true).KeyChar is 'e' or 'E')
                    {
                        await estop.ToggleAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                context.UpdateTarget(Snapshot(observer, mes, site, started));
                await Task.WhenAny(submitting, Task.Delay(250, cancellationToken)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await submitting.ConfigureAwait(false);
    }

    // The live table shows the last few minutes, so a robot that stops shows it soon; the summary covers the whole run.
    private static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(5);

    private static string Codes(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? string.Empty : $" ({Markup.Escape(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")))})";

    private static Table Snapshot(SiteObserver observer, MesSimulator mes, SiteDefinition site, DateTime started)
    {
        var presence = observer.Devices.TryGetValue(site.DeviceId, out var device)
            ? device.Presence.ToString().ToLowerInvariant() + (device.Reason is { } reason ? $" ({Markup.Escape(reason)})" : string.Empty)
            : "unknown";
        var tasks = mes.Tasks.Values.ToList();
        var done = tasks.Count(t => t.Final == Contracts.Tasks.TaskState.Completed);
        var table = new Table()
            .Title($"site {site.SiteId} — device {site.DeviceId}: {presence} — {TrackedTasks.TasksPerHour(tasks, LiveWindow):N0} tasks/hour (last {LiveWindow.TotalMinutes:0} min)")
            .AddColumns("robot", "kind", "mode", "current task", "completed", "failed", "tasks/hour");
        foreach (var robot in site.Robots)
        {
            var completed = tasks.Count(t => t.RobotId == robot.RobotId && t.Final == Contracts.Tasks.TaskState.Completed);
            var failed = tasks.Count(t => t.RobotId == robot.RobotId && t.Final == Contracts.Tasks.TaskState.Failed);
            if (observer.Robots.TryGetValue(robot.RobotId, out var state))
            {
                var colour = state.Mode switch { RobotMode.Idle or RobotMode.Busy => "green", RobotMode.Offline => "grey", _ => "red" };
                table.AddRow(robot.RobotId, robot.Kind.ToString(), $"[{colour}]{state.Mode.ToString().ToLowerInvariant()}[/]", state.CurrentTaskId ?? "-", $"{completed}", $"{failed}", $"{TrackedTasks.TasksPerHour(tasks, LiveWindow, t => t.RobotId == robot.RobotId):N0}");
            }
            else
            {
                table.AddRow(robot.RobotId, robot.Kind.ToString(), "[grey]not seen[/]", "-", $"{completed}", $"{failed}", "-");
            }
        }

        table.AddRow("[bold]site[/]", string.Empty, string.Empty, $"{mes.Open} open", $"[bold]{done}[/]", $"{tasks.Count(t => t.Final == Contracts.Tasks.TaskState.Failed)}", $"[bold]{TrackedTasks.TasksPerHour(tasks, LiveWindow):N0}[/]");
        return table;
    }
}
