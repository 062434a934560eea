using System.Collections.Concurrent;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Mqtt;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>
/// Takes this instance's share of the fleet's telemetry (an MQTT 5 shared subscription) and stores each window once.
/// A window is acknowledged to the broker only after it is stored or refused, so an instance killed in between gets it
/// again from its persistent session. Bad input is refused with a stable code (<see cref="TelemetryRefusals"/>),
/// counted and logged; it never stops the ingest.
/// </summary>
public sealed partial class TelemetryIngest
{
    private readonly MqttClient _client;
    private readonly ITelemetryStore _store;
    private readonly IDeviceDirectory _devices;
    private readonly TelemetryIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Topics this instance took a window from: each a telemetry topic of a known device, with its site and device (at
    // most one entry per known device, so bounded by the devices the factory manages).
    private readonly ConcurrentDictionary<string, (string Site, string Device)> _knownTopics = new(StringComparer.Ordinal);

    /// <summary>An ingest reading <paramref name="client"/> (connected with <see cref="MqttClientOptions.AcknowledgeWhenHandled"/>) into <paramref name="store"/>.</summary>
    public TelemetryIngest(MqttClient client, ITelemetryStore store, IDeviceDirectory devices, TelemetryIngestOptions options, TimeProvider time, ILogger<TelemetryIngest> logger)
    {
        (_client, _store, _devices, _options, _time, _logger) = (client, store, devices, options.Validate(), time, logger);
    }

    /// <summary>What this instance stored and refused.</summary>
    public TelemetryIngestCounters Counters { get; } = new();

    /// <summary>Subscribes to the shared telemetry filter.</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var filter = Topics.SharedEdgeTelemetry(_options.ShareGroup);
        await _client.SubscribeAsync(filter, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        TelemetryLog.Listening(_logger, filter, _options.Workers);
    }

    /// <summary>
    /// Leaves the shared subscription so the group's other instances take the windows from now on, and waits (up to
    /// <paramref name="grace"/>) until the windows already delivered to this instance are handled.
    /// </summary>
    public async Task LeaveAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        await _client.UnsubscribeAsync(Topics.SharedEdgeTelemetry(_options.ShareGroup), cancellationToken).ConfigureAwait(false);
        var until = _time.GetTimestamp() + (long)(grace.TotalSeconds * _time.TimestampFrequency);
        while (_client.Messages.Count > 0 && _time.GetTimestamp() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles windows with <see cref="TelemetryIngestOptions.Workers"/> workers until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(stopping)));

    /// <summary>Stores or refuses one message; null when stored, else the refusal code. Never throws for bad input.</summary>
    public async Task<string?> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var (record, refusal) = await PrepareAsync(topic, payload, cancellationToken).ConfigureAwait(false);
        return Count(topic, refusal ?? await StoreOneAsync(topic, record!.Value, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Stores or refuses a batch of messages: each is checked alone (a bad one is refused and counted without holding back
    /// the rest), and the windows that pass go to the store in one transaction. Returns, in order, null for each window
    /// stored, else its refusal code; <see cref="TelemetryRefusals.StoreFailed"/> marks the ones that must not be acknowledged.
    /// </summary>
    public async Task<IReadOnlyList<string?>> HandleBatchAsync(IReadOnlyList<MqttMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new TelemetryIngestBatch(messages.Count);
        await HandleBatchAsync(messages, batch, cancellationToken).ConfigureAwait(false);
        return batch.Codes.ToArray();
    }

    /// <summary>
    /// <see cref="HandleBatchAsync(IReadOnlyList{MqttMessage}, CancellationToken)"/> into <paramref name="batch"/>, whose
    /// lists a worker reuses from batch to batch (so a batch of known devices' windows allocates nothing per window).
    /// </summary>
    internal async ValueTask HandleBatchAsync(IReadOnlyList<MqttMessage> messages, TelemetryIngestBatch batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        var (codes, records, positions) = (batch.Codes, batch.Records, batch.Positions);
        for (var i = 0; i < messages.Count; i++)
        {
            var (record, refusal) = await PrepareAsync(messages[i].Topic, messages[i].Payload, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                codes.Add(Count(messages[i].Topic, refusal));
                continue;
            }

            codes.Add(null);
            records.Add(record!.Value);
            positions.Add(i);
        }

        if (records.Count == 0)
        {
            return;
        }

        IReadOnlyList<TelemetryStoreOutcome> outcomes;
        try
        {
            outcomes = await _store.StoreBatchAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            // Nothing of the batch was stored (a conflict with a concurrent batch, a lost connection): each window is
            // tried alone, so one that cannot be stored holds back only itself.
            TelemetryLog.BatchFailed(_logger, records.Count, e.Message);
            for (var j = 0; j < records.Count; j++)
            {
                var i = positions[j];
                codes[i] = Count(messages[i].Topic, await StoreOneAsync(messages[i].Topic, records[j], cancellationToken).ConfigureAwait(false));
            }

            return;
        }

        for (var j = 0; j < records.Count; j++)
        {
            codes[positions[j]] = Count(messages[positions[j]].Topic, Refusal(outcomes[j], records[j]));
        }
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        var batch = new List<MqttMessage>(_options.BatchSize);
        var handled = new TelemetryIngestBatch(_options.BatchSize);
        try
        {
            while (await _client.Messages.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (batch.Count < _options.BatchSize && _client.Messages.TryRead(out var message))
                {
                    batch.Add(message);
                }

                try
                {
                    await HandleAndAcknowledgeAsync(batch, handled, stopping).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var message in batch)
                    {
                        message.Dispose();
                    }

                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: windows taken but not acknowledged come again.
        }
    }

    // Acknowledged only after the batch's transaction committed (or the window was refused for good).
    private async Task HandleAndAcknowledgeAsync(List<MqttMessage> batch, TelemetryIngestBatch handled, CancellationToken stopping)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await HandleBatchAsync(batch, handled, stopping).ConfigureAwait(false);
        var codes = handled.Codes;
        for (var i = 0; i < batch.Count; i++)
        {
            if (codes[i] == TelemetryRefusals.StoreFailed)
            {
                continue;
            }

            try
            {
                await batch[i].AcknowledgeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed acknowledgement (the connection dropped): the broker sends the window again.
                TelemetryLog.StoreFailed(_logger, batch[i].Topic, e.Message, e);
            }
        }
    }

    private string? Count(string topic, (string Code, string Reason)? refusal)
    {
        if (refusal is null)
        {
            Counters.CountStored();
            return null;
        }

        Counters.CountRefused(refusal.Value.Code);
        if (refusal.Value.Code != TelemetryRefusals.Duplicate)
        {
            TelemetryLog.Refused(_logger, topic, refusal.Value.Code, refusal.Value.Reason);
        }

        return refusal.Value.Code;
    }

    private async Task<(string Code, string Reason)?> StoreOneAsync(string topic, TelemetryWindowRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return Refusal(await _store.StoreAsync(record, cancellationToken).ConfigureAwait(false), record);
        }
        catch (System.Data.Common.DbException e)
        {
            TelemetryLog.StoreFailed(_logger, topic, e.Message, e);
            return (TelemetryRefusals.StoreFailed, e.Message);
        }
    }

    private static (string Code, string Reason)? Refusal(TelemetryStoreOutcome outcome, TelemetryWindowRecord record) => outcome switch
    {
        TelemetryStoreOutcome.Stored => null,
        TelemetryStoreOutcome.Duplicate => (TelemetryRefusals.Duplicate, $"sequence {record.Sequence} is stored already"),
        _ => (TelemetryRefusals.Overlap, $"sequences {record.FirstSequence}-{record.Sequence} overlap windows stored already"),
    };
}
