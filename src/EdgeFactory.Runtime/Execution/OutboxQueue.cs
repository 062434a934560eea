using System.Threading.Channels;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The one way into the status outbox: statuses the journal writer committed (in event-id order), statuses recovery
/// sends again, and rejections that are never journaled. Only <see cref="StatusOutbox"/> reads it.
/// </summary>
internal sealed class OutboxQueue
{
    private readonly Channel<OutboxItem> _items = Channel.CreateUnbounded<OutboxItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>What the outbox reads, in the order written.</summary>
    public ChannelReader<OutboxItem> Reader => _items.Reader;

    /// <summary>Queues an item; false once the outbox closed (the item is then sent from the journal at the next start, or was a rejection).</summary>
    public bool TryWrite(OutboxItem item) => _items.Writer.TryWrite(item);

    /// <summary>Closes the queue; the outbox publishes what is in it and stops.</summary>
    public bool Complete() => _items.Writer.TryComplete();
}
