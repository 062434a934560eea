using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Finds a message's top-level <c>taskId</c> without decoding anything else, so a message that is broken elsewhere
/// (a bad byte in another field, JSON cut short after the id) is still answered on its task's status topic.
/// </summary>
internal static class RawTaskId
{
    /// <summary>The task id when one is present, well-formed and a valid topic segment; otherwise null.</summary>
    public static string? Find(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("taskId"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Utf8.IsValid(reader.ValueSpan))
                    {
                        return null;
                    }

                    var id = Encoding.UTF8.GetString(reader.ValueSpan);
                    return TopicSegment.IsValid(id) ? id : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken before an id was found (invalid JSON, or a property name escaping half a surrogate pair).
        }

        return null;
    }
}
