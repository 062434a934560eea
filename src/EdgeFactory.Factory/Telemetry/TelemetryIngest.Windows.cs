using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>
/// Checking one message: its size and topic, its body against the contract (read once, by
/// <see cref="TelemetryWindowReader"/>; the schema evaluation decides whatever that reader does not take), the device,
/// and the window's own sequences. The result is the record to store or the refusal.
/// </summary>
public sealed partial class TelemetryIngest
{
    private ValueTask<(TelemetryWindowRecord? Record, (string Code, string Reason)? Refusal)> PrepareAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        TryPrepareKnown(topic, payload, out var known) ? ValueTask.FromResult(known) : PrepareFirstAsync(topic, payload, cancellationToken);

    // The steady state, allocating nothing: a window this instance took before from the same topic (so the topic is a
    // telemetry topic, its device known) whose body names the same site and device. Its identity is read by the same
    // rules as the whole window; anything else goes the whole way below, which decides as it always did.
    private bool TryPrepareKnown(string topic, ReadOnlyMemory<byte> payload, out (TelemetryWindowRecord? Record, (string Code, string Reason)? Refusal) prepared)
    {
        prepared = default;
        var json = payload.Span;
        if (payload.Length > _options.MaxPayloadBytes
            || !_knownTopics.TryGetValue(topic, out var known)
            || !TelemetryWindowReader.TryReadIdentity(json, out var window)
            || !Ascii.Equals(json[window.Site], known.Site)
            || !Ascii.Equals(json[window.Device], known.Device))
        {
            return false;
        }

        prepared = window.FirstSequence > window.Sequence
            ? (null, (TelemetryRefusals.SchemaViolation, $"summary.firstSequence {window.FirstSequence} is after sequence {window.Sequence}"))
            : (new TelemetryWindowRecord(known.Site, known.Device, window.Sequence, window.FirstSequence, window.WindowStart, window.WindowEnd, _time.GetUtcNow(), payload), null);
        return true;
    }

    private async ValueTask<(TelemetryWindowRecord? Record, (string Code, string Reason)? Refusal)> PrepareFirstAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > _options.MaxPayloadBytes)
        {
            return (null, (TelemetryRefusals.TooLarge, $"{payload.Length} bytes; at most {_options.MaxPayloadBytes}"));
        }

        if (!Topics.TryParse(topic, out var address) || address.Kind != TopicKind.EdgeTelemetry)
        {
            return (null, (TelemetryRefusals.TopicMismatch, "not a telemetry topic"));
        }

        if (!TelemetryWindowReader.TryRead(payload.Span, out var window))
        {
            var (decoded, refusal) = Decode(payload);
            if (refusal is not null)
            {
                return (null, refusal);
            }

            window = decoded!;
        }

        if (window.SiteId != address.Site || window.DeviceId != address.Id)
        {
            return (null, (TelemetryRefusals.TopicMismatch, $"the window is from {window.SiteId}/{window.DeviceId}, the topic names {address.Site}/{address.Id}"));
        }

        if (!await _devices.KnowsAsync(window.SiteId, window.DeviceId, cancellationToken).ConfigureAwait(false))
        {
            return (null, (TelemetryRefusals.UnknownDevice, $"{window.SiteId}/{window.DeviceId} has no model assigned"));
        }

        // Known from now on (a device once known stays known): its next windows take the way above.
        _knownTopics.TryAdd(topic, (address.Site, address.Id));
        var first = window.Summary?.FirstSequence ?? window.Sequence;
        if (first > window.Sequence)
        {
            return (null, (TelemetryRefusals.SchemaViolation, $"summary.firstSequence {first} is after sequence {window.Sequence}"));
        }

        return (new TelemetryWindowRecord(window.SiteId, window.DeviceId, window.Sequence, first, window.WindowStart, window.WindowEnd, _time.GetUtcNow(), payload), null);
    }

    // The schema decides, and words what is wrong.
    private static (TelemetryWindowMessage? Window, (string Code, string Reason)? Refusal) Decode(ReadOnlyMemory<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            return (null, (TelemetryRefusals.InvalidJson, e.Message));
        }

        using (document)
        {
            if (ContractSchemas.TelemetryWindow.Validate(document.RootElement) is { Count: > 0 } violations)
            {
                return (null, (TelemetryRefusals.SchemaViolation, string.Join("; ", violations.Take(3))));
            }

            try
            {
                return (document.RootElement.Deserialize(ContractsJsonContext.Default.TelemetryWindowMessage)!, null);
            }
            catch (JsonException e)
            {
                // Valid by the schema, yet outside the message's types (an integer written 2.0, one beyond 64 bits).
                return (null, (TelemetryRefusals.SchemaViolation, e.Message));
            }
        }
    }
}
