using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Reads a task submission in one pass over its bytes and takes it only when every rule of
/// <c>task-submit.schema.json</c> plainly holds: the contract's names spelt exactly, each once, no nulls, identifiers
/// and task types without escapes, a priority of one digit, an RFC 3339 deadline, parameters with distinct names and
/// short text, finite numbers or booleans. It is stricter than the schema, never looser: whatever it does not take (bad
/// input, and the rare valid spelling it does not read) goes to the schema evaluation, which decides and words the
/// refusal as before.
/// </summary>
internal static class TaskSubmitReader
{
    private const int MaxParameters = 32;

    /// <summary>The submission, when <paramref name="json"/> certainly conforms to the schema; false when the schema must decide.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out TaskSubmitMessage? submit)
    {
        submit = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || !TryReadSubmit(ref reader, out submit))
            {
                submit = null;
                return false;
            }

            // Exactly one value: anything after it (other than whitespace) is refused by the parser.
            if (reader.Read())
            {
                submit = null;
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            submit = null;
            return false;
        }
    }

    private static bool TryReadSubmit(ref Utf8JsonReader reader, [NotNullWhen(true)] out TaskSubmitMessage? submit)
    {
        submit = null;
        string? taskId = null, taskType = null, robotId = null;
        var priority = TaskSubmitMessage.DefaultPriority;
        DateTimeOffset? deadline = null;
        Dictionary<string, JsonElement>? parameters = null;
        var seen = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = StrictTokens.Name(ref reader, "taskId"u8, 1, ref seen) ? StrictTokens.TryIdentifier(ref reader, out taskId)
                : StrictTokens.Name(ref reader, "taskType"u8, 2, ref seen) ? StrictTokens.TryTypeName(ref reader, out taskType)
                : StrictTokens.Name(ref reader, "robotId"u8, 4, ref seen) ? StrictTokens.TryIdentifier(ref reader, out robotId)
                : StrictTokens.Name(ref reader, "priority"u8, 8, ref seen) ? StrictTokens.TryDigit(ref reader, out priority)
                : StrictTokens.Name(ref reader, "deadline"u8, 16, ref seen) ? TryDeadline(ref reader, out deadline)
                : StrictTokens.Name(ref reader, "parameters"u8, 32, ref seen) && TryParameters(ref reader, out parameters);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || taskId is null || taskType is null)
        {
            return false;
        }

        submit = new TaskSubmitMessage(taskId, taskType, robotId, priority, deadline, parameters);
        return true;
    }

    private static bool TryDeadline(ref Utf8JsonReader reader, out DateTimeOffset? deadline)
    {
        deadline = null;
        if (!Rfc3339Token.TryRead(ref reader, out var time))
        {
            return false;
        }

        deadline = time;
        return true;
    }

    // An object of at most 32 distinct names matching ^[a-z][a-z0-9_]{0,31}$, each a short string, a finite number or a boolean.
    private static bool TryParameters(ref Utf8JsonReader reader, [NotNullWhen(true)] out Dictionary<string, JsonElement>? parameters)
    {
        parameters = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var read = new Dictionary<string, JsonElement>(2);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            if (read.Count == MaxParameters || name is null || !StrictTokens.IsParameterName(name) || read.ContainsKey(name) || !reader.Read())
            {
                return false;
            }

            var plain = reader.TokenType switch
            {
                JsonTokenType.String => StrictTokens.IsShortText(ref reader),
                JsonTokenType.Number => reader.TryGetDouble(out var number) && double.IsFinite(number),
                JsonTokenType.True or JsonTokenType.False => true,
                _ => false,
            };
            if (!plain)
            {
                return false;
            }

            // The same copy the deserialiser keeps of a JsonElement value.
            read.Add(name, JsonElement.ParseValue(ref reader));
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        parameters = read;
        return true;
    }
}
