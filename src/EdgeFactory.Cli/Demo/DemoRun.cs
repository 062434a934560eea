using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Runtime.Sites;
using Spectre.Console;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// Runs the demo: embedded Mosquitto, an edge process for the site (started as systemd would),
/// and an observer on the site's topics showing what a line engineer would see.
/// </summary>
internal sealed class DemoRun(string siteFile, TimeSpan duration)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

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

        await using var edge = EdgeProcess.Start(["edge", "run", "--site", site.SourcePath, "--broker", broker.Url]);
        var ready = await edge.WaitReadyAsync(Settle, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"edge     [green]{Markup.Escape(ready)}[/] (pid {edge.Id})");

        var allOnline = await WaitForAsync(() => IsOnline(observer, site), cancellationToken).ConfigureAwait(false);
        await ShowAsync(observer, site, duration, cancellationToken).ConfigureAwait(false);

        AnsiConsole.MarkupLine("edge     stopping with SIGTERM…");
        var exitCode = await edge.StopAsync(cancellationToken).ConfigureAwait(false);
        var allOffline = await WaitForAsync(() => IsOffline(observer, site), cancellationToken).ConfigureAwait(false);
        await stopObserving.CancelAsync().ConfigureAwait(false);
        await observing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);

        AnsiConsole.Write(Snapshot(observer, site));
        var ok = allOnline && allOffline && exitCode == 0 && observer.InvalidMessages == 0;
        AnsiConsole.MarkupLine(
            $"summary  robots online: {(allOnline ? "[green]all[/]" : "[red]not all[/]")}; clean stop: {(allOffline && exitCode == 0 ? "[green]yes[/]" : $"[red]no (exit {exitCode})[/]")}; "
            + $"messages seen: {observer.MessagesSeen}; invalid: {observer.InvalidMessages}");
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

    private static async Task ShowAsync(SiteObserver observer, SiteDefinition site, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + duration;
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Write(Snapshot(observer, site));
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AnsiConsole.Live(Snapshot(observer, site)).StartAsync(async context =>
        {
            while (DateTime.UtcNow < until)
            {
                context.UpdateTarget(Snapshot(observer, site));
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static Table Snapshot(SiteObserver observer, SiteDefinition site)
    {
        var presence = observer.Devices.TryGetValue(site.DeviceId, out var device) ? device.Presence.ToString().ToLowerInvariant() : "unknown";
        var table = new Table()
            .Title($"site {site.SiteId} — device {site.DeviceId}: {presence}")
            .AddColumns("robot", "kind", "mode", "current task", "updated");
        foreach (var robot in site.Robots)
        {
            if (observer.Robots.TryGetValue(robot.RobotId, out var state))
            {
                var colour = state.Mode switch { RobotMode.Idle or RobotMode.Busy => "green", RobotMode.Offline => "grey", _ => "red" };
                table.AddRow(robot.RobotId, robot.Kind.ToString(), $"[{colour}]{state.Mode.ToString().ToLowerInvariant()}[/]", state.CurrentTaskId ?? "-", state.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                table.AddRow(robot.RobotId, robot.Kind.ToString(), "[grey]not seen[/]", "-", "-");
            }
        }

        return table;
    }
}
