using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// The identity of a submission's content for idempotency: SHA-256 of its canonical form, so that what
/// docs/mes-integration.md calls "the same task" hashes the same: fields in any order, the default priority or a
/// parameter's default spelt out or left out, <c>"parameters": {}</c> or none, <c>2</c> or <c>2.0</c>, a deadline in
/// any time zone.
/// </summary>
internal static class SubmissionHash
{
    /// <summary>The canonical hash; <paramref name="type"/> supplies parameter defaults (null when the task type is unknown here).</summary>
    public static byte[] Of(TaskSubmitMessage submit, TaskTypeDefinition? type)
    {
        var parameters = submit.Parameters;
        if (type is not null && type.Bind(parameters) is { Problem: null } bound)
        {
            parameters = bound.Values;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(submit.TaskId);
            writer.WriteStringValue(submit.TaskType);
            writer.WriteStringValue(submit.RobotId);
            writer.WriteNumberValue(submit.Priority);
            writer.WriteStringValue(submit.Deadline?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray();
            foreach (var (name, value) in (parameters ?? new Dictionary<string, JsonElement>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStringValue(name);
                writer.WriteStringValue(Canonical(value));
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>
    /// The hash of the submission as written, which journals of earlier versions hold; still matched so that a task
    /// accepted before an upgrade repeats its status instead of conflicting.
    /// </summary>
    public static byte[] AsWritten(TaskSubmitMessage submit)
    {
        var canonical = submit with
        {
            Parameters = submit.Parameters is null ? null : new SortedDictionary<string, JsonElement>(submit.Parameters.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            Deadline = submit.Deadline?.ToUniversalTime(),
        };
        return SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, ContractsJsonContext.Default.TaskSubmitMessage));
    }

    /// <summary>Whether <paramref name="submit"/> is the task whose hash is <paramref name="known"/>.</summary>
    public static bool Matches(byte[] known, TaskSubmitMessage submit, TaskTypeDefinition? type) =>
        known.AsSpan().SequenceEqual(Of(submit, type)) || known.AsSpan().SequenceEqual(AsWritten(submit));

    // Tagged so that the text "2" and the number 2 differ; numbers by value, so 2, 2.0 and 2e0 agree.
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var exact) => "n:" + exact.ToString("G29", CultureInfo.InvariantCulture),
        JsonValueKind.Number => "n:" + value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => "s:" + value.GetString(),
        JsonValueKind.True => "b:true",
        JsonValueKind.False => "b:false",
        _ => "j:" + value.GetRawText(),
    };
}
