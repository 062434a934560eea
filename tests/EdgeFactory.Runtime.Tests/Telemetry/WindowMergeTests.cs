using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Runtime.Telemetry;

namespace EdgeFactory.Runtime.Tests.Telemetry;

public sealed class WindowMergeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_AddsCountsAndKeepsTheSequenceRange_AndConforms()
    {
        var windows = new[]
        {
            Window(4, 0, [new RobotWindow("c1", "m@1", 10, 1, 3600, 2, new LatencySummary(10, 100, 150, 190, 200), null, 1, 10_000)]),
            Window(5, 1, [new RobotWindow("c1", "m@1", 30, 0, 10800, 1, new LatencySummary(30, 200, 250, 290, 300), null, 2, 15_000)]),
            Window(6, 0, [new RobotWindow("c2", "none", 0, 2, 0, 0)]),
        };

        var merged = WindowMerge.Merge(windows);

        Assert.Equal((6L, At, At.AddSeconds(30), 1L), (merged.Sequence, merged.WindowStart, merged.WindowEnd, merged.EmergencyStops));
        Assert.Equal(new WindowSummary(4, 3), merged.Summary);
        var c1 = merged.Robots.Single(r => r.RobotId == "c1");
        Assert.Equal((40L, 1L, 3L, 3.0), (c1.TasksCompleted, c1.TasksFailed, c1.SafetyClamps, c1.EnergyWh));

        // 40 tasks over the windows' own spans (10 s + 10 s): 7,200 an hour.
        Assert.Equal(7200, c1.TasksPerHour);
        Assert.Equal(new LatencySummary(40, 175, 250, 290, 300), c1.CycleTimeMs);
        Assert.Equal(2, merged.Robots.Single(r => r.RobotId == "c2").TasksFailed);
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(merged, ContractsJsonContext.Default.TelemetryWindowMessage));
        Assert.Empty(ContractSchemas.TelemetryWindow.Validate(json.RootElement));
    }

    [Fact]
    public void Merge_OfSummaries_CountsEveryWindow()
    {
        var first = WindowMerge.Merge([Window(1, 0, []), Window(2, 0, [])]);
        var second = WindowMerge.Merge([Window(3, 0, []), Window(4, 0, []), Window(5, 0, [])]);

        Assert.Equal(new WindowSummary(1, 5), WindowMerge.Merge([first, second]).Summary);
    }

    private static TelemetryWindowMessage Window(long sequence, long stops, IReadOnlyList<RobotWindow> robots) =>
        new("d1", "s1", sequence, At.AddSeconds((sequence - 4) * 10), At.AddSeconds((sequence - 3) * 10), robots, stops, 0);
}
