using Akka.Actor;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Intake;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Presence;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>
/// Runs a site once the MQTT link is up: recovers from the journal, starts the robots' actors, then opens the intake.
/// Stops through Akka's coordinated shutdown, one phase per step in this order: the intake stops (service-unbind),
/// the robots stop and their flows let go (service-requests-done), the outbox flushes (service-stop), robots and
/// device go offline (before-actor-system-terminate); so no task is accepted that no robot would run. If the site
/// actor itself dies, the process stops with a non-zero exit code for systemd to restart it.
/// </summary>
internal sealed partial class SiteRuntime(
    SiteDefinition site,
    TaskRecovery recovery,
    RobotFleet fleet,
    TaskIntake intake,
    IntakeSupervisor intakeLoop,
    StatusOutbox outbox,
    TaskJournal journal,
    SessionConflictWatch sessionConflict,
    MqttClient client,
    PresencePublisher presence,
    ActorSystem system,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SiteRuntime> logger) : IHostedService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private readonly CancellationTokenSource _stopAgents = new();
    private readonly CancellationTokenSource _stopIntake = new();
    private Task _agents = Task.CompletedTask;
    private Task _intake = Task.CompletedTask;
    private Task _retention = Task.CompletedTask;
    private Task _leaving = Task.CompletedTask;
    private CancellationTokenRegistration _onConflict;
    private int _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The status chain first (journal writer → outbox queue → outbox → journal's mark), then what feeds it.
        outbox.Start();
        await recovery.RecoverAsync().ConfigureAwait(false);
        _agents = fleet.RunAsync(_stopAgents.Token);
        _ = _agents.ContinueWith(OnAgentsEnded, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await intake.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        _intake = intakeLoop.RunAsync(_stopIntake.Token);
        _retention = PurgeLoopAsync(_stopAgents.Token);
        sessionConflict.Start();
        _onConflict = sessionConflict.Detected.Register(() => _leaving = LeaveSessionAsync());

        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-intake", () => AsPhaseTask(StopIntakeAsync()));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "stop-robots", () => AsPhaseTask(StopRobotsAsync()));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "flush-outbox", () => AsPhaseTask(outbox.DisposeAsync().AsTask()));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "device-offline", () => AsPhaseTask(presence.StopAsync(CancellationToken.None)));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host stops on SIGTERM and again when disposed; the second call has nothing left to do.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        Stopped(logger, site.SiteId, journal.Commits, journal.EntriesWritten);
        _stopAgents.Dispose();
        _stopIntake.Dispose();
    }

    private async Task StopIntakeAsync()
    {
        await _onConflict.DisposeAsync().ConfigureAwait(false);
        await _stopIntake.CancelAsync().ConfigureAwait(false);
        await _intake.ConfigureAwait(false);
        await _leaving.ConfigureAwait(false);
    }

    // A running flow is abandoned where it stands; the journal still shows it running and the next start recovers it.
    private async Task StopRobotsAsync()
    {
        await _stopAgents.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_agents, _retention).ConfigureAwait(false);
    }

    private static async Task<Akka.Done> AsPhaseTask(Task step)
    {
        await step.ConfigureAwait(false);
        return Akka.Done.Instance;
    }

    private void OnAgentsEnded(Task agents)
    {
        Crashed(logger, site.SiteId, agents.Exception!.GetBaseException().Message, agents.Exception);
        Environment.ExitCode = 70;
        lifetime.StopApplication();
    }

    // Another client took the session: stop taking tasks and leave the broker to it instead of taking it back on every
    // reconnect. Robots finish what they hold; their statuses stay in the journal and go out after the next start.
    private async Task LeaveSessionAsync()
    {
        try
        {
            await _stopIntake.CancelAsync().ConfigureAwait(false);
            await _intake.ConfigureAwait(false);
            await client.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttException or TimeoutException or ObjectDisposedException)
        {
            // Not connected at this instant: the disconnect still abandoned the connection.
        }

        LeftSession(logger, site.SiteId);
    }

    private async Task PurgeLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(PurgeEvery, time);
        try
        {
            do
            {
                var removed = await journal.PurgeAsync(time.GetUtcNow() - site.Settings.JournalRetention).ConfigureAwait(false);
                if (removed > 0)
                {
                    JournalLog.Purged(logger, journal.Path, removed, site.Settings.JournalRetention);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (JournalException)
        {
            // Logged by the journal; the next start purges again.
        }
    }

    [LoggerMessage(2100, LogLevel.Critical, "The robot agents of site {SiteId} stopped unexpectedly ({Reason}); stopping the edge so its supervisor restarts it")]
    private static partial void Crashed(ILogger logger, string siteId, string reason, Exception exception);

    [LoggerMessage(2102, LogLevel.Error, "Site {SiteId} stopped accepting tasks and left the broker because another client holds its session; restart the edge once only one runs")]
    private static partial void LeftSession(ILogger logger, string siteId);

    [LoggerMessage(2101, LogLevel.Information, "Site {SiteId} stopped; journal committed {Entries} entries in {Commits} transactions")]
    private static partial void Stopped(ILogger logger, string siteId, long commits, long entries);
}
