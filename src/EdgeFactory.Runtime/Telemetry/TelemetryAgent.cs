using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>
/// Closes a telemetry window every <see cref="TelemetryOptions.Window"/> (on the <see cref="TimeProvider"/>), stores
/// it durably, and publishes stored windows QoS 1 in sequence order, up to <see cref="TelemetryOptions.MaxInFlight"/>
/// at once; a window is deleted once acknowledged. While the broker is away windows pile up on disk (merged past the
/// bound) and go out in order when it is back; after a failure or a restart, everything not acknowledged is sent again.
/// </summary>
public sealed class TelemetryAgent : IHostedService, IAsyncDisposable
{
    private readonly TelemetryOptions _options;
    private readonly string _storePath;
    private readonly string _siteId;
    private readonly string _deviceId;
    private readonly string _topic;
    private readonly TelemetryAggregator _aggregator;
    private readonly MqttClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<ClosedWindow> _unsaved = [];
    private readonly CancellationTokenSource _stopping = new();
    private TelemetryStore? _store;
    private Task _windows = Task.CompletedTask;
    private Task _publishing = Task.CompletedTask;
    private long _acknowledgedThrough;
    private long _inFlightThrough;
    private long _backlog;
    private long _merged;
    private bool _stopped;

    /// <summary>An agent that stores windows in <paramref name="storePath"/> and publishes them through <paramref name="client"/>.</summary>
    public TelemetryAgent(TelemetryOptions options, string storePath, string siteId, string deviceId, TelemetryAggregator aggregator, MqttClient client, TimeProvider time, ILogger<TelemetryAgent> logger)
    {
        _options = options.Validate();
        (_storePath, _siteId, _deviceId, _aggregator, _client, _time, _logger) = (storePath, siteId, deviceId, aggregator, client, time, logger);
        _topic = Topics.EdgeTelemetry(siteId, deviceId);
    }

    /// <summary>Windows stored and not yet acknowledged by the broker.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Highest sequence the broker acknowledged in this process.</summary>
    public long AcknowledgedThrough => Interlocked.Read(ref _acknowledgedThrough);

    /// <summary>Windows merged into summaries because the store reached its bound.</summary>
    public long Merged => Interlocked.Read(ref _merged);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _store = TelemetryStore.Open(_storePath, _deviceId, _siteId);
            Interlocked.Exchange(ref _backlog, _store.Backlog);
        }

        TelemetryLog.Started(_logger, _options.Window, _storePath, Backlog, _topic);
        _windows = WindowsAsync(_stopping.Token);
        _publishing = PublishAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Closes the open window now and stores it; null when it could not be stored (it is stored with the next one).</summary>
    public TelemetryWindowMessage? CloseWindow()
    {
        var closed = _aggregator.Close();
        TelemetryWindowMessage? message = null;
        lock (_gate)
        {
            if (_store is null)
            {
                return null;
            }

            _unsaved.Add(closed);
            try
            {
                while (_unsaved.Count > 0)
                {
                    message = _store.Append(_unsaved[0]);
                    _unsaved.RemoveAt(0);
                }

                var merged = _store.Compact(_options.MaxStoredWindows, _options.MergeBatch, _inFlightThrough);
                if (merged > 0)
                {
                    Interlocked.Add(ref _merged, merged);
                    TelemetryLog.Compacted(_logger, _options.MaxStoredWindows, merged);
                }

                Interlocked.Exchange(ref _backlog, _store.Backlog);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                TelemetryLog.StoreFailed(_logger, e.Message, e);
                return null;
            }
        }

        _wake.Release();
        return message;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_windows, _publishing).ConfigureAwait(false);

        // What the last, partial window saw is kept too; it goes out at the next start.
        CloseWindow();
        lock (_gate)
        {
            _store?.Dispose();
            _store = null;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task WindowsAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.Window, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                CloseWindow();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: StopAsync closes the last window.
        }
    }

    private async Task PublishAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                IReadOnlyList<StoredWindow> batch;
                lock (_gate)
                {
                    batch = _store?.After(_acknowledgedThrough, _options.MaxInFlight) ?? [];
                    if (batch.Count > 0)
                    {
                        _inFlightThrough = batch[^1].Sequence;
                    }
                }

                if (batch.Count == 0)
                {
                    await _wake.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (!await SendAsync(batch, stopping).ConfigureAwait(false))
                {
                    await Task.Delay(_options.RetryDelay, _time, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: what was not acknowledged stays stored and is sent at the next start.
        }
    }

    // Publishes a batch and lets go of each window as its acknowledgement arrives, in order; false after a failure.
    private async Task<bool> SendAsync(IReadOnlyList<StoredWindow> batch, CancellationToken stopping)
    {
        var acknowledgements = new ValueTask[batch.Count];
        var sent = 0;
        Exception? failure = null;
        try
        {
            for (; sent < batch.Count; sent++)
            {
                acknowledgements[sent] = _client.PublishAsync(_topic, batch[sent].Payload, MqttQos.AtLeastOnce, cancellationToken: stopping);
            }
        }
        catch (MqttException e)
        {
            failure = e;
        }

        for (var i = 0; i < sent; i++)
        {
            try
            {
                await acknowledgements[i].ConfigureAwait(false);
                if (failure is null)
                {
                    Acknowledge(batch[i].Sequence);
                }
            }
            catch (MqttException e)
            {
                failure ??= e;
            }
        }

        lock (_gate)
        {
            _inFlightThrough = _acknowledgedThrough;
        }

        if (failure is not null)
        {
            TelemetryLog.PublishFailed(_logger, failure.Message, AcknowledgedThrough, _options.RetryDelay);
            return false;
        }

        return true;
    }

    private void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            _store?.Acknowledge(sequence);
            Interlocked.Exchange(ref _acknowledgedThrough, sequence);
            Interlocked.Exchange(ref _backlog, _store?.Backlog ?? 0);
        }
    }
}
