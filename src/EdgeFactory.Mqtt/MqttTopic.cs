using System.Buffers;
using System.Text;

namespace EdgeFactory.Mqtt;

/// <summary>Checks of topic names and filters, done before anything reaches the wire.</summary>
public static class MqttTopic
{
    /// <summary>Longest topic the protocol can carry, in UTF-8 bytes.</summary>
    public const int MaxBytes = 65_535;

    private static readonly SearchValues<char> Wildcards = SearchValues.Create("+#");

    /// <summary>Throws <see cref="MqttErrorCode.InvalidTopic"/> unless <paramref name="topic"/> can be published to.</summary>
    public static void ValidateTopicName(string topic)
    {
        ValidateCommon(topic, "topic");
        if (topic.AsSpan().ContainsAny(Wildcards))
        {
            throw Invalid(topic, "wildcards '+' and '#' are only allowed in subscription filters");
        }
    }

    /// <summary>Throws <see cref="MqttErrorCode.InvalidTopic"/> unless <paramref name="filter"/> is a valid subscription filter.</summary>
    public static void ValidateFilter(string filter)
    {
        ValidateCommon(filter, "filter");
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                throw Invalid(filter, "'#' must be a whole level and the last one");
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                throw Invalid(filter, "'+' must be a whole level");
            }
        }
    }

    private static void ValidateCommon(string topic, string what)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            throw new MqttException(MqttErrorCode.InvalidTopic, $"The {what} is empty.");
        }

        // A lone surrogate cannot be encoded as UTF-8; MQTT requires well-formed UTF-8 without U+0000.
        var rest = topic.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || rune.Value == 0)
            {
                throw Invalid(topic, "it is not valid UTF-8 text (lone surrogate or NUL character)");
            }

            rest = rest[used..];
        }

        var bytes = Encoding.UTF8.GetByteCount(topic);
        if (bytes > MaxBytes)
        {
            throw new MqttException(MqttErrorCode.InvalidTopic, $"The {what} is {bytes} bytes long; MQTT allows at most {MaxBytes}.");
        }
    }

    private static MqttException Invalid(string topic, string why)
    {
        var shown = topic.Length > 80 ? string.Concat(topic.AsSpan(0, 80), "…") : topic;
        return new MqttException(MqttErrorCode.InvalidTopic, $"Topic '{shown}' is invalid: {why}.");
    }
}
