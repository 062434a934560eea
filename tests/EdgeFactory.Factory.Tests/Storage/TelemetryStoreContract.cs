using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Tests.Storage;

/// <summary>What every telemetry store promises; rerun for SQLite and PostgreSQL.</summary>
public abstract class TelemetryStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    protected abstract Task<ITelemetryStore> CreateAsync();

    [Fact]
    public async Task Store_SameSequenceTwice_IsOneWindow()
    {
        await using var store = await CreateAsync();

        Assert.Equal(TelemetryStoreOutcome.Stored, await store.StoreAsync(Window("d1", 1), CancellationToken.None));
        Assert.Equal(TelemetryStoreOutcome.Duplicate, await store.StoreAsync(Window("d1", 1) with { Payload = "{\"again\":1}"u8.ToArray() }, CancellationToken.None));
        Assert.Equal(TelemetryStoreOutcome.Stored, await store.StoreAsync(Window("d2", 1), CancellationToken.None));

        var windows = await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None);
        Assert.Equal("{}", Text(Assert.Single(windows).Payload));
    }

    [Fact]
    public async Task Gaps_AreTheMissingSequences_AndCloseWhenBackfilled()
    {
        await using var store = await CreateAsync();
        foreach (var sequence in new long[] { 1, 2, 5, 9 })
        {
            await store.StoreAsync(Window("d1", sequence), CancellationToken.None);
        }

        Assert.Equal([new SequenceGap(3, 4), new SequenceGap(6, 8)], await store.ListGapsAsync("s1", "d1", CancellationToken.None));
        var device = Assert.Single(await store.ListDevicesAsync(CancellationToken.None));
        Assert.Equal((9L, 4L, 5L), (device.HighestSequence, device.Windows, device.Missing));

        // A summary of 6..8 and the late windows 3 and 4 fill every gap.
        await store.StoreAsync(Window("d1", 8, first: 6), CancellationToken.None);
        await store.StoreAsync(Window("d1", 3), CancellationToken.None);
        await store.StoreAsync(Window("d1", 4), CancellationToken.None);

        Assert.Empty(await store.ListGapsAsync("s1", "d1", CancellationToken.None));
        Assert.Equal(0, Assert.Single(await store.ListDevicesAsync(CancellationToken.None)).Missing);
    }

    [Fact]
    public async Task Summary_OverlappingStoredWindows_IsRefused()
    {
        await using var store = await CreateAsync();
        await store.StoreAsync(Window("d1", 5), CancellationToken.None);

        Assert.Equal(TelemetryStoreOutcome.Overlap, await store.StoreAsync(Window("d1", 8, first: 3), CancellationToken.None));
        Assert.Equal(TelemetryStoreOutcome.Stored, await store.StoreAsync(Window("d1", 12, first: 9), CancellationToken.None));
        Assert.Equal(TelemetryStoreOutcome.Duplicate, await store.StoreAsync(Window("d1", 12, first: 9), CancellationToken.None));
    }

    [Fact]
    public async Task ListWindowsEnding_ReturnsOnlyTheDevicesWindowsThatEndedInTheSpan()
    {
        await using var store = await CreateAsync();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await store.StoreAsync(Window("d1", sequence), CancellationToken.None);
        }

        await store.StoreAsync(Window("d2", 3), CancellationToken.None);

        // Window n ends at At + (n + 1) × 10 s: after At + 30 s and until At + 50 s are windows 3 and 4.
        var span = await store.ListWindowsEndingAsync("s1", "d1", At.AddSeconds(30), At.AddSeconds(50), CancellationToken.None);

        Assert.Equal([3L, 4L], span.Select(w => w.Sequence));
    }

    [Fact]
    public async Task StoreBatch_WithRepeats_StoresEachWindowOnce_OutcomesInTheOrderGiven()
    {
        await using var store = await CreateAsync();
        await store.StoreAsync(Window("d1", 1), CancellationToken.None);

        var outcomes = await store.StoreBatchAsync([Window("d1", 3), Window("d1", 1), Window("d2", 1), Window("d1", 2), Window("d1", 3) with { Payload = "{\"again\":1}"u8.ToArray() }], CancellationToken.None);

        Assert.Equal([TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Duplicate, TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Duplicate], outcomes);
        var windows = await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], windows.Select(w => w.Sequence));
        Assert.All(windows, w => Assert.Equal("{}", Text(w.Payload)));
        Assert.Empty(await store.ListGapsAsync("s1", "d1", CancellationToken.None));
    }

    [Fact]
    public async Task StoreBatch_SummaryOverlappingAWindowOfTheSameBatch_IsRefused()
    {
        await using var store = await CreateAsync();

        var outcomes = await store.StoreBatchAsync([Window("d1", 8, first: 3), Window("d1", 5), Window("d1", 12, first: 9)], CancellationToken.None);

        Assert.Equal([TelemetryStoreOutcome.Overlap, TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Stored], outcomes);
        Assert.Equal([5L, 12L], (await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
    }

    [Fact]
    public async Task StoreBatch_ThatFails_StoresNothing()
    {
        await using var store = await CreateAsync();

        // A window without its site breaks a NOT NULL column: the whole transaction is rolled back.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.StoreBatchAsync([Window("d1", 1), Window("d1", 2) with { Site = null! }], CancellationToken.None));

        Assert.Empty(await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None));
        Assert.Equal(TelemetryStoreOutcome.Stored, (await store.StoreBatchAsync([Window("d1", 1)], CancellationToken.None))[0]);
    }

    [Fact]
    public async Task StoreBatch_Payloads_AreStoredAsTheBytesGiven()
    {
        await using var store = await CreateAsync();
        var payloads = Enumerable.Range(1, 20)
            .Select(i => System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i},\"text\":\"{new string('x', i * 37)}\u00e9t\u00e9 \u2713 \U0001F916\"}}"))
            .ToList();

        // Each payload a slice of a larger buffer, as received messages are.
        var buffer = new byte[payloads.Sum(p => p.Length + 3)];
        var windows = new List<TelemetryWindowRecord>();
        var at = 0;
        for (var i = 0; i < payloads.Count; i++)
        {
            payloads[i].CopyTo(buffer, at + 1);
            windows.Add(Window("d1", i + 1) with { Payload = buffer.AsMemory(at + 1, payloads[i].Length) });
            at += payloads[i].Length + 3;
        }

        Assert.All(await store.StoreBatchAsync(windows, CancellationToken.None), o => Assert.Equal(TelemetryStoreOutcome.Stored, o));

        Assert.Equal(payloads.Select(p => System.Text.Encoding.UTF8.GetString(p)), (await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => Text(w.Payload)));
    }

    [Fact]
    public async Task StoreBatch_WithWindowsStoredBefore_RefusesThose_StoresTheRest()
    {
        await using var store = await CreateAsync();
        await store.StoreAsync(Window("d1", 1), CancellationToken.None);
        await store.StoreAsync(Window("d1", 7), CancellationToken.None);

        var outcomes = await store.StoreBatchAsync([Window("d1", 1) with { Payload = "{\"again\":1}"u8.ToArray() }, Window("d2", 1), Window("d1", 2), Window("d1", 8, first: 6)], CancellationToken.None);

        Assert.Equal([TelemetryStoreOutcome.Duplicate, TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Overlap], outcomes);
        Assert.Equal([1L, 2L, 7L], (await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
        Assert.Equal("{}", Text((await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None))[0].Payload));
    }

    [Fact]
    public async Task StoreBatch_TwoAtOnceWithTheSameWindows_StoreEachWindowOnce()
    {
        await using var store = await CreateAsync();
        var windows = Enumerable.Range(1, 40).Select(i => Window($"d{i % 4}", i)).ToList();

        // Two instances given the same windows at the same time: a batch that collides with the other fails as a whole
        // (nothing of it stored) and its windows are then stored one by one, as the ingest does.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await store.StoreBatchAsync(windows, CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
                var one = new List<TelemetryStoreOutcome>();
                foreach (var window in windows)
                {
                    one.Add(await store.StoreAsync(window, CancellationToken.None));
                }

                return one;
            }
        })));

        for (var i = 0; i < windows.Count; i++)
        {
            Assert.Equal([TelemetryStoreOutcome.Stored, TelemetryStoreOutcome.Duplicate], outcomes.Select(o => o[i]).Order());
        }

        var stored = new List<long>();
        for (var d = 0; d < 4; d++)
        {
            stored.AddRange((await store.ListWindowsAsync("s1", $"d{d}", 0, CancellationToken.None)).Select(w => w.Sequence));
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored.Order());
    }

    private static TelemetryWindowRecord Window(string device, long sequence, long? first = null) =>
        new("s1", device, sequence, first ?? sequence, At.AddSeconds(sequence * 10), At.AddSeconds((sequence + 1) * 10), At, "{}"u8.ToArray());

    private static string Text(ReadOnlyMemory<byte> payload) => System.Text.Encoding.UTF8.GetString(payload.Span);
}
