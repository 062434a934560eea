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
    private async ValueTask<(TelemetryWindowRecord? Record, (string Code, string Reason)? Refusal)> PrepareAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
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

        var first = window.Summary?.FirstSequence ?? window.Sequence;
        if (first > window.Sequence)
        {
            return (null, (TelemetryRefusals.SchemaViolation, $"summary.firstSequence {first} is after sequence {window.Sequence}"));
        }

        var record = new TelemetryWindowRecord(window.SiteId, window.DeviceId, window.Sequence, first, window.WindowStart, window.WindowEnd, _time.GetUtcNow(), Encoding.UTF8.GetString(payload.Span));
        return (record, null);
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
