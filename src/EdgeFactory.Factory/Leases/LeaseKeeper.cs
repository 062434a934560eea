using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Factory.Leases;

/// <summary>
/// Keeps trying to take, then renew, one named lease for this instance: every third of its duration, on the
/// <see cref="TimeProvider"/>. Singleton work (the rollout controller) runs only while <see cref="IsHeld"/>; an
/// instance that stops renewing (stopped, killed, cut off from the database) loses it when it lapses, and another takes it.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly string _name;
    private readonly string _holder;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private LeaseRecord? _held;

    /// <summary>A keeper of <paramref name="name"/> for <paramref name="holder"/>; nothing happens until <see cref="Start"/>.</summary>
    public LeaseKeeper(ILeaseStore store, string name, string holder, TimeSpan duration, TimeProvider time, ILogger<LeaseKeeper> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.FromMilliseconds(30));
        (_store, _name, _holder, _duration, _time, _logger) = (store, name, holder, duration, time, logger);
    }

    /// <summary>Whether this instance holds the lease now (taken or renewed and not lapsed by this instance's clock).</summary>
    public bool IsHeld => Volatile.Read(ref _held) is { } held && held.ExpiresAt > _time.GetUtcNow();

    /// <summary>The term of the lease while held; work stamped with it is stale once another term begins.</summary>
    public long? Term => IsHeld ? Volatile.Read(ref _held)!.Term : null;

    /// <summary>Starts taking and renewing.</summary>
    public void Start() => _loop = RunAsync(_stopping.Token);

    /// <summary>One attempt to take or renew the lease now; true while held.</summary>
    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        var wasHeld = IsHeld;
        LeaseRecord? held;
        try
        {
            held = await _store.TryAcquireAsync(_name, _holder, _time.GetUtcNow(), _duration, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            // Not renewed: the lease runs out by itself if this goes on, and IsHeld says so.
            TelemetryLog.LeaseFailed(_logger, _name, e.Message);
            return IsHeld;
        }

        Volatile.Write(ref _held, held);
        if (held is not null && !wasHeld)
        {
            TelemetryLog.LeaseTaken(_logger, _name, _holder, held.Term);
        }
        else if (held is null && wasHeld)
        {
            TelemetryLog.LeaseLost(_logger, _name, _holder);
        }

        return held is not null;
    }

    /// <summary>Stops renewing; <paramref name="release"/> lets another take it at once instead of when it lapses.</summary>
    public async Task StopAsync(bool release, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (release && Volatile.Read(ref _held) is not null)
        {
            await _store.ReleaseAsync(_name, _holder, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _held, null);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(release: true, CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            using var timer = new PeriodicTimer(_duration / 3, _time);
            do
            {
                await TryRenewAsync(stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
