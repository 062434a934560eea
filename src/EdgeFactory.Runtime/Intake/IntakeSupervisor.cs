using EdgeFactory.Runtime.Presence;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Keeps the intake loop running. The loop answers every bad message itself; if it dies anyway (a defect), the edge
/// must not run on as if healthy with nobody reading the submit topic: the device is marked degraded, the loop is
/// restarted with a capped backoff, and once it has run for <see cref="HealthyAfter"/> the device is online again.
/// </summary>
internal sealed partial class IntakeSupervisor(
    Func<CancellationToken, Task> loop,
    IDeviceHealth health,
    TimeProvider time,
    ILogger<IntakeSupervisor> logger)
{
    /// <summary>How long a restarted loop must run before the device counts as healthy again.</summary>
    public static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private long _restarts;

    /// <summary>Restarts of the loop since start.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Runs the loop until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var running = loop(stopping);
            if (failures > 0)
            {
                using var settle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var healthy = Task.Delay(HealthyAfter, time, settle.Token);
                if (await Task.WhenAny(running, healthy).ConfigureAwait(false) == healthy && !running.IsCompleted && !stopping.IsCancellationRequested)
                {
                    failures = 0;
                    await health.ReportHealthyAsync(stopping).ConfigureAwait(false);
                }

                await settle.CancelAsync().ConfigureAwait(false);
            }

            string reason;
            try
            {
                await running.ConfigureAwait(false);
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                reason = "its message stream ended";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever killed the loop is reported and the loop restarted: a stopped intake is the one failure that must not be silent.
                reason = e.Message;
                LoopFailed(logger, e.Message, e);
            }

            failures++;
            Interlocked.Increment(ref _restarts);
            var wait = Backoff(failures);
            await health.ReportDegradedAsync($"task intake stopped unexpectedly ({reason}); restarting it in {wait.TotalSeconds:0.#} s (restart {failures})", stopping).ConfigureAwait(false);
            try
            {
                await Task.Delay(wait, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Restarting(logger, failures);
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures - 1, 16)));

    [LoggerMessage(6010, LogLevel.Critical, "Task intake stopped unexpectedly: {Reason}; the device is marked degraded and the intake restarted")]
    private static partial void LoopFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(6011, LogLevel.Warning, "Task intake restarted (restart {Restart})")]
    private static partial void Restarting(ILogger logger, int restart);
}
