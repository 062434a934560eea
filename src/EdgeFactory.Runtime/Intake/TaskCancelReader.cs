using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Reads a cancel in one pass over its bytes and takes it only when every rule of <c>task-cancel.schema.json</c> plainly
/// holds (an unescaped identifier, a reason of at most 256 characters, each name once, no nulls); whatever it does not
/// take goes to the schema evaluation, which decides and words the refusal as before.
/// </summary>
internal static class TaskCancelReader
{
    /// <summary>The cancel, when <paramref name="json"/> certainly conforms to the schema; false when the schema must decide.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out TaskCancelMessage? cancel)
    {
        cancel = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? taskId = null, reason = null;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = StrictTokens.Name(ref reader, "taskId"u8, 1, ref seen) ? StrictTokens.TryIdentifier(ref reader, out taskId)
                    : StrictTokens.Name(ref reader, "reason"u8, 2, ref seen) && TryReason(ref reader, out reason);
                if (!ok)
                {
                    return false;
                }
            }

            // Exactly one value: anything after it (other than whitespace) is refused by the parser.
            if (reader.TokenType != JsonTokenType.EndObject || taskId is null || reader.Read())
            {
                return false;
            }

            cancel = new TaskCancelMessage(taskId, reason);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            cancel = null;
            return false;
        }
    }

    private static bool TryReason(ref Utf8JsonReader reader, out string? reason)
    {
        reason = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || !StrictTokens.IsShortText(ref reader))
        {
            return false;
        }

        reason = reader.GetString();
        return reason is not null;
    }
}
