using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// The intake's checks that depend on nothing but a payload's bytes: size, UTF-8, JSON, decodable strings, the
/// contract's schema and its type. Pure functions, safe to run on several threads at once and ahead of the loop that
/// accepts: the same bytes always get the same verdict. A payload that plainly conforms is read in one pass
/// (<see cref="TaskSubmitReader"/>, <see cref="TaskCancelReader"/>); any other is parsed once, the schema evaluated on
/// that parse (which decides and words a refusal) and the message read from it.
/// </summary>
internal static class PayloadChecks
{
    // The one-pass readers take a string's bytes as they are, so only valid UTF-8 reaches them; anything they do not
    // take goes the whole way below, where the schema decides and words the refusal.

    /// <summary>Checks a submission of at most <paramref name="maxBytes"/> bytes.</summary>
    public static PayloadVerdict Submit(ReadOnlyMemory<byte> payload, int maxBytes) =>
        payload.Length > maxBytes
            ? PayloadVerdict.Refused(null, TaskErrorCodes.PayloadTooLarge, $"The submission is {payload.Length:N0} bytes; this site accepts at most {maxBytes:N0}.")
            : Utf8.IsValid(payload.Span) && TaskSubmitReader.TryRead(payload.Span, out var submit)
                ? PayloadVerdict.Passed(submit)
                : Read(payload, ContractSchemas.TaskSubmit, ContractsJsonContext.Default.TaskSubmitMessage);

    /// <summary>Checks a cancel.</summary>
    public static PayloadVerdict Cancel(ReadOnlyMemory<byte> payload) =>
        Utf8.IsValid(payload.Span) && TaskCancelReader.TryRead(payload.Span, out var cancel)
            ? PayloadVerdict.Passed(cancel)
            : Read(payload, ContractSchemas.TaskCancel, ContractsJsonContext.Default.TaskCancelMessage);

    private static PayloadVerdict Read<T>(ReadOnlyMemory<byte> payload, ContractSchema schema, JsonTypeInfo<T> type)
        where T : class
    {
        // System.Text.Json checks UTF-8 only when a string is read, which would throw deep inside validation; check it all first.
        if (Utf8Text.FirstInvalidByte(payload.Span) is { } offset)
        {
            return PayloadVerdict.Malformed($"The payload is not valid UTF-8: byte 0x{payload.Span[offset]:X2} at offset {offset} cannot start or continue a character. Send UTF-8 JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            return PayloadVerdict.Malformed($"The payload is not JSON: {e.Message}");
        }

        using (document)
        {
            // Only an escaped surrogate can make a string of valid UTF-8 undecodable: most payloads hold none, and skip the walk.
            if (JsonText.MayHoldLoneSurrogate(payload.Span) && JsonText.FirstUndecodable(document.RootElement) is { } where)
            {
                return PayloadVerdict.Malformed($"The payload holds a string that is not valid Unicode at '{where}' (half of a surrogate pair). Escape only whole characters.");
            }

            IReadOnlyList<SchemaViolation> violations;
            try
            {
                violations = schema.Validate(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // A \uD800-style escape that is half of a surrogate pair decodes to no character.
                return PayloadVerdict.Malformed($"The payload holds a string that is not valid Unicode ({e.Message}). Escape only whole characters.");
            }

            if (violations.Count > 0)
            {
                return PayloadVerdict.Refused(TaskIdOf(document.RootElement), TaskErrorCodes.SchemaViolation, $"The message does not match {schema.Name}: {string.Join("; ", violations.Take(3))}");
            }

            try
            {
                return document.RootElement.Deserialize(type) is { } message
                    ? PayloadVerdict.Passed(message)
                    : PayloadVerdict.Refused(TaskIdOf(document.RootElement), TaskErrorCodes.SchemaViolation, $"The message does not match {schema.Name}: it is null.");
            }
            catch (JsonException e)
            {
                return PayloadVerdict.Refused(TaskIdOf(document.RootElement), TaskErrorCodes.SchemaViolation, $"The message does not match {schema.Name}: {JsonErrorText.Of(e)}");
            }
        }
    }

    // Read only to answer a refusal: an accepted message's id comes from the message itself.
    private static string? TaskIdOf(JsonElement root)
    {
        try
        {
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("taskId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { } text && TopicSegment.IsValid(text)
                ? text
                : null;
        }
        catch (InvalidOperationException)
        {
            // An id that is half of a surrogate pair has no text to answer on.
            return null;
        }
    }
}
