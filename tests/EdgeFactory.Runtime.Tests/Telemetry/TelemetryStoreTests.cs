using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Runtime.Telemetry;

namespace EdgeFactory.Runtime.Tests.Telemetry;

public sealed class TelemetryStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-telemetry-").FullName;

    private string Path => System.IO.Path.Combine(_folder, "telemetry.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Append_AcknowledgeAndReopen_NeverReusesASequence()
    {
        using (var store = TelemetryStore.Open(Path, "d1", "s1"))
        {
            Assert.Equal([1L, 2L, 3L], Enumerable.Range(0, 3).Select(_ => store.Append(Closed()).Sequence));
            store.Acknowledge(3);
            Assert.Equal(0, store.Backlog);
        }

        using var reopened = TelemetryStore.Open(Path, "d1", "s1");
        var fourth = reopened.Append(Closed());

        Assert.Equal(4, fourth.Sequence);
        Assert.Equal([4L], reopened.After(0, 10).Select(w => w.Sequence));
    }

    [Fact]
    public void Append_CarriesTheBacklog_AndAfterReadsInOrder()
    {
        using var store = TelemetryStore.Open(Path, "d1", "s1");
        for (var i = 0; i < 5; i++)
        {
            store.Append(Closed());
        }

        var stored = store.After(2, 2);

        Assert.Equal([3L, 4L], stored.Select(w => w.Sequence));
        var third = JsonSerializer.Deserialize(stored[0].Payload, ContractsJsonContext.Default.TelemetryWindowMessage)!;
        Assert.Equal(("d1", "s1", 2L), (third.DeviceId, third.SiteId, third.Backlog));
    }

    [Fact]
    public void Compact_PastTheBound_MergesTheOldestNotInFlight_AndLosesNoTask()
    {
        using var store = TelemetryStore.Open(Path, "d1", "s1");
        for (var i = 0; i < 25; i++)
        {
            store.Append(Closed(completed: 1));
        }

        // Windows 1 and 2 may be in a publish: they stay as they are.
        var merged = store.Compact(bound: 10, batch: 5, inFlightThrough: 2);

        Assert.True(store.Backlog <= 10);
        Assert.True(merged > 0);
        var all = store.After(0, 100).Select(w => JsonSerializer.Deserialize(w.Payload, ContractsJsonContext.Default.TelemetryWindowMessage)!).ToList();
        Assert.Equal([1L, 2L], all.Take(2).Select(w => w.Sequence));
        Assert.Null(all[0].Summary);
        Assert.NotNull(all[2].Summary);
        Assert.Equal(3, all[2].Summary!.FirstSequence);

        // Every window is accounted for, once, in order: the sequences covered are 1..25 with no gap or overlap.
        var covered = all.SelectMany(w => Enumerable.Range((int)(w.Summary?.FirstSequence ?? w.Sequence), (int)(w.Sequence - (w.Summary?.FirstSequence ?? w.Sequence) + 1))).ToList();
        Assert.Equal(Enumerable.Range(1, 25), covered);
        Assert.Equal(25, all.SelectMany(w => w.Robots).Sum(r => r.TasksCompleted));
    }

    private static ClosedWindow Closed(long completed = 0) =>
        new(At, At.AddSeconds(10), completed == 0 ? [] : [new RobotWindow("c1", "none", completed, 0, 360, 0)], 0);
}
