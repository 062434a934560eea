using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Factory.Telemetry;
using EdgeFactory.Testing;
using EdgeFactory.Testing.Fuzzing;

namespace EdgeFactory.Factory.Tests.Telemetry;

public sealed class TelemetryWindowReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    private static readonly JsonNode?[] Values =
    [
        null, true, false, -1, 0, 1, 2, 1.5, 300, -0.0, "", "text", "a b", "cell-1", "Cell_1.a:b", "-x", "\u00e9t\u00e9", new string('x', 64), new string('x', 65),
        new string('v', 130), new string('v', 131), "2026-11-26T13:00:00Z", "2026-11-26T13:00:00", "2026-11-26", "2026-11-26T13:00:00.1234567+01:00",
        "2026-11-26t13:00:00z", "2026-13-26T13:00:00Z", "2026-02-30T13:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T13:00:60Z", "2026-11-26T13:00:00+14:30",
        new JsonObject(), new JsonArray(), new JsonArray(1, "two"), new JsonObject { ["count"] = 1 },
    ];

    private static readonly string[] Numbers = ["2.0", "1e2", "-0", "1e400", "1e-400", "-1e-400", "9223372036854775808", "0.5", "007", "1E+2", "-5"];

    private static readonly JsonMutation Mutations = new(Values, Numbers, random => ("extra" + random.Next(3).ToString(CultureInfo.InvariantCulture), 1), [" {}", " "]);

    [Fact]
    public void TryRead_TheContractsWindows_ReadsThemAsTheDeserialiserDoes()
    {
        foreach (var window in Windows())
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(window, ContractsJsonContext.Default.TelemetryWindowMessage);

            Assert.True(TelemetryWindowReader.TryRead(bytes, out var read));
            Assert.Equal(Text(window), Text(read));
            AssertSameIdentity(bytes, read);
        }
    }

    [Fact]
    public void TryRead_MutatedWindows_TakesOnlyWhatTheSchemaAccepts_AndReadsItAsTheDeserialiserDoes()
    {
        var random = new Random(20261126);
        var examples = Windows().Select(w => JsonSerializer.Serialize(w, ContractsJsonContext.Default.TelemetryWindowMessage)).ToArray();
        var (taken, refused) = (0, 0);
        for (var n = 0; n < 4000; n++)
        {
            var text = examples[random.Next(examples.Length)];
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                text = Mutations.Apply(text, random);
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            if (!TelemetryWindowReader.TryRead(bytes, out var read))
            {
                Assert.False(TelemetryWindowReader.TryReadIdentity(bytes, out _), $"identity taken, window refused: {text}");
                refused++;
                continue;
            }

            AssertSameIdentity(bytes, read);
            taken++;
            using var document = JsonDocument.Parse(bytes);
            Assert.True(ContractSchemas.TelemetryWindow.Validate(document.RootElement).Count == 0, $"taken but invalid by the schema: {text}");
            Assert.Equal(Text(JsonSerializer.Deserialize(bytes, ContractsJsonContext.Default.TelemetryWindowMessage)!), Text(read));
        }

        // Both sides of the line are exercised.
        Assert.True(taken > 200 && refused > 200, $"{taken} taken, {refused} refused");
    }

    [Fact]
    public void TryReadIdentity_AWindowOfKnownShape_AllocatesNothing()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Windows().First(), ContractsJsonContext.Default.TelemetryWindowMessage);
        Assert.True(TelemetryWindowReader.TryReadIdentity(bytes, out _));

        var allocations = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                TelemetryWindowReader.TryReadIdentity(bytes, out _);
            }
        });

        Assert.True(allocations.Bytes == 0, allocations.ToString());
    }

    // The identity is taken exactly when the window is, and says what the window says.
    private static void AssertSameIdentity(byte[] bytes, TelemetryWindowMessage window)
    {
        Assert.True(TelemetryWindowReader.TryReadIdentity(bytes, out var identity));
        Assert.Equal(window.SiteId, Encoding.UTF8.GetString(bytes.AsSpan()[identity.Site]));
        Assert.Equal(window.DeviceId, Encoding.UTF8.GetString(bytes.AsSpan()[identity.Device]));
        Assert.Equal(
            (window.Sequence, window.Summary?.FirstSequence ?? window.Sequence, window.WindowStart, window.WindowEnd),
            (identity.Sequence, identity.FirstSequence, identity.WindowStart, identity.WindowEnd));
    }

    private static string Text(TelemetryWindowMessage window) => JsonSerializer.Serialize(window, ContractsJsonContext.Default.TelemetryWindowMessage);

    private static IEnumerable<TelemetryWindowMessage> Windows()
    {
        yield return new("edge-0001", "bench", 5, At, At.AddSeconds(10),
        [
            new RobotWindow("cell-1", "pick-policy@1.4.0", 3, 0, 1080, 1, new LatencySummary(3, 3120.5, 3410, 3410, 3410), new LatencySummary(3, 1.8, 2.4, 2.4, 2.4), 0.42, 7142.9),
            new RobotWindow("belt-1", "none", 3, 0, 1080, 0, new LatencySummary(3, 900, 950, 950, 950), null, 0.1, 30_000),
        ], 0, 0);
        yield return new("jetson-line3-a", "line3", 120, At.AddMinutes(-10).ToOffset(TimeSpan.FromHours(2)), At.AddTicks(1234567), [new RobotWindow("cell-1", "pick-policy@1.4.0", 180, 2, 1080, 9)], 1, 8640, new WindowSummary(61, 60));
        yield return new("d1", "s1", 1, At, At.AddSeconds(10), [], 0, 0);
    }
}
