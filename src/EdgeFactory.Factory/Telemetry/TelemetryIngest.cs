using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
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
public sealed class TelemetryIngest
{
    private readonly MqttClient _client;
    private readonly ITelemetryStore _store;
    private readonly IDeviceDirectory _devices;
    private readonly TelemetryIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

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
        var refusal = await TryStoreAsync(topic, payload, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            Counters.CountStored();
        }
        else
        {
            Counters.CountRefused(refusal.Value.Code);
            if (refusal.Value.Code != TelemetryRefusals.Duplicate)
            {
                TelemetryLog.Refused(_logger, topic, refusal.Value.Code, refusal.Value.Reason);
            }
        }

        return refusal?.Code;
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in _client.Messages.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                using (message)
                {
                    try
                    {
                        if (await HandleAsync(message.Topic, message.Payload, stopping).ConfigureAwait(false) != TelemetryRefusals.StoreFailed)
                        {
                            await message.AcknowledgeAsync().ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A failed acknowledgement (the connection dropped): the broker sends the window again.
                        TelemetryLog.StoreFailed(_logger, message.Topic, e.Message, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: windows taken but not acknowledged come again.
        }
    }

    private async Task<(string Code, string Reason)?> TryStoreAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > _options.MaxPayloadBytes)
        {
            return (TelemetryRefusals.TooLarge, $"{payload.Length} bytes; at most {_options.MaxPayloadBytes}");
        }

        if (!Topics.TryParse(topic, out var address) || address.Kind != TopicKind.EdgeTelemetry)
        {
            return (TelemetryRefusals.TopicMismatch, "not a telemetry topic");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            return (TelemetryRefusals.InvalidJson, e.Message);
        }

        using (document)
        {
            if (ContractSchemas.TelemetryWindow.Validate(document.RootElement) is { Count: > 0 } violations)
            {
                return (TelemetryRefusals.SchemaViolation, string.Join("; ", violations.Take(3)));
            }

            var window = document.RootElement.Deserialize(ContractsJsonContext.Default.TelemetryWindowMessage)!;
            if (window.SiteId != address.Site || window.DeviceId != address.Id)
            {
                return (TelemetryRefusals.TopicMismatch, $"the window is from {window.SiteId}/{window.DeviceId}, the topic names {address.Site}/{address.Id}");
            }

            if (!await _devices.KnowsAsync(window.SiteId, window.DeviceId, cancellationToken).ConfigureAwait(false))
            {
                return (TelemetryRefusals.UnknownDevice, $"{window.SiteId}/{window.DeviceId} has no model assigned");
            }

            var first = window.Summary?.FirstSequence ?? window.Sequence;
            if (first > window.Sequence)
            {
                return (TelemetryRefusals.SchemaViolation, $"summary.firstSequence {first} is after sequence {window.Sequence}");
            }

            var record = new TelemetryWindowRecord(window.SiteId, window.DeviceId, window.Sequence, first, window.WindowStart, window.WindowEnd, _time.GetUtcNow(), Encoding.UTF8.GetString(payload.Span));
            TelemetryStoreOutcome outcome;
            try
            {
                outcome = await _store.StoreAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException e)
            {
                TelemetryLog.StoreFailed(_logger, topic, e.Message, e);
                return (TelemetryRefusals.StoreFailed, e.Message);
            }

            return outcome switch
            {
                TelemetryStoreOutcome.Stored => null,
                TelemetryStoreOutcome.Duplicate => (TelemetryRefusals.Duplicate, $"sequence {window.Sequence} is stored already"),
                _ => (TelemetryRefusals.Overlap, $"sequences {first}-{window.Sequence} overlap windows stored already"),
            };
        }
    }
}
