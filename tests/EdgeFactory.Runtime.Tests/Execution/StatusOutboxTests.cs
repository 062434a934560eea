using System.Text;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Execution;

/// <summary>The status chain on a real broker: journal writer → outbox queue → outbox → published-through mark.</summary>
public sealed class StatusOutboxTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-outbox-").FullName;

    private string DbPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public async Task Committed_StatusesPublishedInCommitOrder_MarkReachesTheLastAcknowledged()
    {
        await using var reader = await broker.ConnectAsync();
        await reader.SubscribeAsync("chain/#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        var queue = new OutboxQueue();
        using (var journal = TaskJournal.Open(DbPath, NullLogger.Instance, committed: queue))
        {
            await using var client = await broker.ConnectAsync();
            var outbox = new StatusOutbox(queue, client, journal, TimeProvider.System, NullLogger<StatusOutbox>.Instance);
            outbox.Start();

            await Task.WhenAll(Enumerable.Range(1, 300).Select(sequence => journal.AppendAsync(new TaskStatusEntry("t1", Status(sequence), Item(sequence)))));
            var received = await ReceiveAsync(reader, 300);
            await outbox.DisposeAsync();

            Assert.Equal(Enumerable.Range(1, 300).Select(i => $"s{i}"), received);
        }

        // The mark goes to the writer as a message and is written with its next transaction or idle flush.
        using var reopened = TaskJournal.Open(DbPath, NullLogger.Instance);
        Assert.Equal(300, reopened.PublishedThrough);
        Assert.Empty(reopened.UnpublishedEvents());
    }

    [Fact]
    public async Task NeverPublished_EventsAfterTheMarkAreSentAgainAtTheNextOpen()
    {
        using (var journal = TaskJournal.Open(DbPath, NullLogger.Instance, committed: new OutboxQueue()))
        {
            // No outbox reads the queue: committed, never acknowledged.
            await Task.WhenAll(Enumerable.Range(1, 5).Select(sequence => journal.AppendAsync(new TaskStatusEntry("t1", Status(sequence), Item(sequence)))));
        }

        using var reopened = TaskJournal.Open(DbPath, NullLogger.Instance);

        Assert.Equal(0, reopened.PublishedThrough);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], reopened.UnpublishedEvents().Select(e => e.EventId));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JournalStatus Status(int sequence) => new(sequence, TaskState.Step, null, "s", 1, Encoding.UTF8.GetBytes($"s{sequence}"));

    private static OutboxItem Item(int sequence) => new(0, $"chain/{sequence}", Encoding.UTF8.GetBytes($"s{sequence}"), null, null);

    private static async Task<List<string>> ReceiveAsync(MqttClient reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<string>();
        while (received.Count < count)
        {
            using var message = await reader.Messages.ReadAsync(timeout.Token);
            received.Add(Encoding.UTF8.GetString(message.Payload.Span));
        }

        return received;
    }
}
