using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>
/// Reads a telemetry window in one pass over its bytes and takes it only when every rule of
/// <c>telemetry-window.schema.json</c> plainly holds: the contract's names spelled exactly, each once, no nulls, plain
/// non-negative integers and numbers, identifiers without escapes, RFC 3339 times. It is stricter than the schema, never
/// looser: whatever it does not take (bad input, and the rare valid spelling it does not read) goes to the schema
/// evaluation, which decides and words the refusal as before.
/// </summary>
internal static class TelemetryWindowReader
{
    private const int MaxRobots = 256;
    private const int MaxModelVersion = 130;

    /// <summary>The window, when <paramref name="json"/> certainly conforms to the schema; false when the schema must decide.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out TelemetryWindowMessage? window)
    {
        if (TryRead(json, build: true, out var read, out _) && read is not null)
        {
            window = read;
            return true;
        }

        window = null;
        return false;
    }

    /// <summary>
    /// What the store needs of the window, by the same rules as <see cref="TryRead(ReadOnlySpan{byte}, out TelemetryWindowMessage?)"/>
    /// (it takes exactly the windows that takes), without building the message: nothing is allocated.
    /// </summary>
    public static bool TryReadIdentity(ReadOnlySpan<byte> json, out TelemetryWindowIdentity identity) => TryRead(json, build: false, out _, out identity);

    private static bool TryRead(ReadOnlySpan<byte> json, bool build, out TelemetryWindowMessage? window, out TelemetryWindowIdentity identity)
    {
        window = null;
        identity = default;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || !TryReadWindow(ref reader, build, out window, out identity))
            {
                window = null;
                identity = default;
                return false;
            }

            // Exactly one value: anything after it (other than whitespace) is refused by the parser.
            return !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            window = null;
            identity = default;
            return false;
        }
    }

    private static bool TryReadWindow(ref Utf8JsonReader reader, bool build, out TelemetryWindowMessage? window, out TelemetryWindowIdentity identity)
    {
        window = null;
        identity = default;
        string? device = null, site = null;
        Range deviceAt = default, siteAt = default;
        long sequence = 0, stops = 0, backlog = 0;
        DateTimeOffset start = default, end = default;
        List<RobotWindow>? robots = null;
        WindowSummary? summary = null;
        long first = 0, summarised = 0;
        var seen = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = Name(ref reader, "deviceId"u8, 1, ref seen) ? TryIdentifier(ref reader, build, out device, out deviceAt)
                : Name(ref reader, "siteId"u8, 2, ref seen) ? TryIdentifier(ref reader, build, out site, out siteAt)
                : Name(ref reader, "sequence"u8, 4, ref seen) ? TryInteger(ref reader, 1, out sequence)
                : Name(ref reader, "windowStart"u8, 8, ref seen) ? Rfc3339Token.TryRead(ref reader, out start)
                : Name(ref reader, "windowEnd"u8, 16, ref seen) ? Rfc3339Token.TryRead(ref reader, out end)
                : Name(ref reader, "robots"u8, 32, ref seen) ? TryRobots(ref reader, build, out robots)
                : Name(ref reader, "emergencyStops"u8, 64, ref seen) ? TryInteger(ref reader, 0, out stops)
                : Name(ref reader, "backlog"u8, 128, ref seen) ? TryInteger(ref reader, 0, out backlog)
                : Name(ref reader, "summary"u8, 256, ref seen) && TrySummary(ref reader, out first, out summarised);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || (seen & 255) != 255)
        {
            return false;
        }

        var summaryGiven = (seen & 256) != 0;
        if (!build)
        {
            identity = new TelemetryWindowIdentity(siteAt, deviceAt, sequence, summaryGiven ? first : sequence, start, end);
            return true;
        }

        summary = summaryGiven ? new WindowSummary(first, summarised) : null;
        window = new TelemetryWindowMessage(device!, site!, sequence, start, end, robots!, stops, backlog, summary);
        return true;
    }

    // Without `build`, the robots are checked and nothing is kept (`robots` stays null).
    private static bool TryRobots(ref Utf8JsonReader reader, bool build, out List<RobotWindow>? robots)
    {
        robots = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = build ? new List<RobotWindow>(2) : null;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == MaxRobots || !TryRobot(ref reader, build, out var robot))
            {
                return false;
            }

            count++;
            list?.Add(robot!);
        }

        robots = list;
        return true;
    }

    private static bool TryRobot(ref Utf8JsonReader reader, bool build, out RobotWindow? robot)
    {
        robot = null;
        string? id = null, version = null;
        long completed = 0, failed = 0, clamps = 0;
        double perHour = 0;
        LatencySummary? cycle = null, accept = null;
        double? energy = null, perKwh = null;
        var seen = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = Name(ref reader, "robotId"u8, 1, ref seen) ? TryIdentifier(ref reader, build, out id, out _)
                : Name(ref reader, "modelVersion"u8, 2, ref seen) ? TryModelVersion(ref reader, build, out version)
                : Name(ref reader, "tasksCompleted"u8, 4, ref seen) ? TryInteger(ref reader, 0, out completed)
                : Name(ref reader, "tasksFailed"u8, 8, ref seen) ? TryInteger(ref reader, 0, out failed)
                : Name(ref reader, "tasksPerHour"u8, 16, ref seen) ? TryNumber(ref reader, out perHour)
                : Name(ref reader, "safetyClamps"u8, 32, ref seen) ? TryInteger(ref reader, 0, out clamps)
                : Name(ref reader, "cycleTimeMs"u8, 64, ref seen) ? TryLatency(ref reader, build, out cycle)
                : Name(ref reader, "acceptLatencyMs"u8, 128, ref seen) ? TryLatency(ref reader, build, out accept)
                : Name(ref reader, "energyWh"u8, 256, ref seen) ? TryOptionalNumber(ref reader, out energy)
                : Name(ref reader, "tasksPerKwh"u8, 512, ref seen) && TryOptionalNumber(ref reader, out perKwh);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || (seen & 63) != 63)
        {
            return false;
        }

        robot = build ? new RobotWindow(id!, version!, completed, failed, perHour, clamps, cycle, accept, energy, perKwh) : null;
        return true;
    }

    private static bool TryLatency(ref Utf8JsonReader reader, bool build, out LatencySummary? latency)
    {
        latency = null;
        long count = 0;
        double p50 = 0, p95 = 0, p99 = 0, max = 0;
        var seen = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = Name(ref reader, "count"u8, 1, ref seen) ? TryInteger(ref reader, 0, out count)
                : Name(ref reader, "p50"u8, 2, ref seen) ? TryNumber(ref reader, out p50)
                : Name(ref reader, "p95"u8, 4, ref seen) ? TryNumber(ref reader, out p95)
                : Name(ref reader, "p99"u8, 8, ref seen) ? TryNumber(ref reader, out p99)
                : Name(ref reader, "max"u8, 16, ref seen) && TryNumber(ref reader, out max);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || seen != 31)
        {
            return false;
        }

        latency = build ? new LatencySummary(count, p50, p95, p99, max) : null;
        return true;
    }

    private static bool TrySummary(ref Utf8JsonReader reader, out long first, out long windows)
    {
        (first, windows) = (0, 0);
        var seen = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = Name(ref reader, "firstSequence"u8, 1, ref seen) ? TryInteger(ref reader, 1, out first)
                : Name(ref reader, "windows"u8, 2, ref seen) && TryInteger(ref reader, 2, out windows);
            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen == 3;
    }

    // Whether the current property is `name`, seen for the first time (a name given twice is left to the schema).
    private static bool Name(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, int bit, ref int seen)
    {
        if (reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual(name) || (seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    // ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$, unescaped; `at` is where its bytes are in the input, `value` the text when building.
    private static bool TryIdentifier(ref Utf8JsonReader reader, bool build, out string? value, out Range at)
    {
        value = null;
        at = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        if (!TopicSegment.IsValid(reader.ValueSpan))
        {
            return false;
        }

        // A string token starts at its opening quote; an unescaped value is the input's bytes as they are.
        var from = (int)reader.TokenStartIndex + 1;
        at = from..(from + reader.ValueSpan.Length);
        value = build ? reader.GetString()! : null;
        return true;
    }

    // 1-130 characters: a string of n UTF-16 units has at most n code points, so n <= 130 is within the limit. Without
    // `build`, an unescaped value of 1-130 bytes of valid UTF-8 is taken as it is (n bytes decode to at most n UTF-16
    // units); any other spelling is decoded to be sure.
    private static bool TryModelVersion(ref Utf8JsonReader reader, bool build, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!build && !reader.ValueIsEscaped && reader.ValueSpan.Length is >= 1 and <= MaxModelVersion)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        var text = reader.GetString()!;
        if (text.Length is < 1 or > MaxModelVersion)
        {
            return false;
        }

        value = build ? text : null;
        return true;
    }

    // A plain integer (no sign, fraction or exponent) of at least `minimum`.
    private static bool TryInteger(ref Utf8JsonReader reader, long minimum, out long value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && IsPlainInteger(reader.ValueSpan)
            && reader.TryGetInt64(out value) && value >= minimum;
    }

    // A finite number without a sign: at least 0 however it is written.
    private static bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.ValueSpan[0] != (byte)'-'
            && reader.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static bool TryOptionalNumber(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (!TryNumber(ref reader, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private static bool IsPlainInteger(ReadOnlySpan<byte> s) => s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
