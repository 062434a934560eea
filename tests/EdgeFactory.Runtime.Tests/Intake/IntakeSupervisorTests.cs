using System.Collections.Concurrent;
using EdgeFactory.Runtime.Intake;
using EdgeFactory.Runtime.Presence;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class IntakeSupervisorTests
{
    [Fact]
    public async Task RunAsync_LoopDies_DegradedThenRestartedThenOnlineAfterRunningHealthy()
    {
        var time = new FakeTimeProvider();
        var health = new RecordingHealth();
        var starts = 0;
        using var stop = new CancellationTokenSource();
        var supervisor = new IntakeSupervisor(
            async stopping =>
            {
                // Dies twice, then runs until stopped.
                if (Interlocked.Increment(ref starts) <= 2)
                {
                    await Task.Yield();
                    throw new InvalidOperationException("boom");
                }

                await Task.Delay(Timeout.Infinite, stopping);
            },
            health,
            time,
            NullLogger<IntakeSupervisor>.Instance);

        var running = supervisor.RunAsync(stop.Token);

        // The fake clock moves in small steps while the supervisor's timers are set up on other threads.
        await Eventually.TrueAsync(() => Advanced(time, Volatile.Read(ref starts) == 3), "a third start after two failures");
        Assert.Equal(2, health.Reports.Count);
        await Eventually.TrueAsync(() => Advanced(time, health.Reports.Count == 3), "online once the loop ran healthy");
        await stop.CancelAsync();
        await running;

        var reports = health.Reports.ToList();
        Assert.StartsWith("degraded: task intake stopped unexpectedly (boom)", reports[0], StringComparison.Ordinal);
        Assert.Contains("restart 2", reports[1], StringComparison.Ordinal);
        Assert.Equal("healthy", reports[2]);
        Assert.Equal(2, supervisor.Restarts);
    }

    [Fact]
    public async Task RunAsync_Stopped_ReturnsWithoutReporting()
    {
        var health = new RecordingHealth();
        using var stop = new CancellationTokenSource();
        var supervisor = new IntakeSupervisor(stopping => Task.Delay(Timeout.Infinite, stopping), health, new FakeTimeProvider(), NullLogger<IntakeSupervisor>.Instance);

        var running = supervisor.RunAsync(stop.Token);
        await stop.CancelAsync();
        await running;

        Assert.Empty(health.Reports);
    }

    private static bool Advanced(FakeTimeProvider time, bool done)
    {
        if (!done)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        return done;
    }

    private sealed class RecordingHealth : IDeviceHealth
    {
        public ConcurrentQueue<string> Reports { get; } = new();

        public Task ReportDegradedAsync(string reason, CancellationToken cancellationToken)
        {
            Reports.Enqueue("degraded: " + reason);
            return Task.CompletedTask;
        }

        public Task ReportHealthyAsync(CancellationToken cancellationToken)
        {
            Reports.Enqueue("healthy");
            return Task.CompletedTask;
        }
    }
}
