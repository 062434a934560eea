using System.Threading.Channels;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Journal;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The status chain's second stage, and the only one that talks to the broker about statuses: it publishes what the
/// <see cref="OutboxQueue"/> holds (committed statuses in event-id order, recovery's re-sends, rejections) at QoS 1,
/// in order, with up to a window of them unacknowledged, and settles the acknowledgements in the same order. So when
/// the acknowledgement of a journaled event is settled, every event before it is too, and that event's id is the
/// published-through mark, which it alone sends to the journal writer. One that is never acknowledged holds the mark
/// back until the next start, which sends it again (the MES drops what it has seen by sequence). A broker outage only
/// delays: the MQTT client queues QoS 1 publishes while disconnected, and when that queue is full this loop waits
/// and retries instead of dropping.
/// </summary>
internal sealed partial class StatusOutbox(OutboxQueue queue, MqttClient client, TaskJournal journal, TimeProvider time, ILogger<StatusOutbox> logger) : IAsyncDisposable
{
    private const int Window = 2_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly Channel<(long EventId, ValueTask Acknowledged)> _inflight = Channel.CreateUnbounded<(long, ValueTask)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Task _settling = Task.CompletedTask;
    private int _started;

    /// <summary>Starts publishing and settling (once).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(RunAsync);
            _settling = Task.Run(SettleAsync);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The site stops it first to flush; the container disposes it again at the end.
        if (!queue.Complete())
        {
            return;
        }

        // Give what is queued a moment to go out on a clean stop; anything left is re-sent from the journal at start.
        var drained = Task.WhenAll(_loop, _settling);
        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(5), time)).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await drained.ConfigureAwait(false);
        _stop.Dispose();
        _window.Dispose();
    }

    // Publishes in order without waiting for acknowledgements, up to a window of them; SettleAsync collects them.
    private async Task RunAsync()
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await _window.WaitAsync(_stop.Token).ConfigureAwait(false);
                await PublishAsync(item).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped; unacknowledged statuses stay unpublished in the journal.
        }
        finally
        {
            _inflight.Writer.TryComplete();
        }
    }

    // Settles in publish order: a journaled event settled here has every earlier one settled before it.
    private async Task SettleAsync()
    {
        var holding = false;
        await foreach (var (eventId, acknowledged) in _inflight.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (acknowledged.IsCompleted)
                {
                    // Acknowledged while earlier ones were settled: no wait, no task.
                    acknowledged.GetAwaiter().GetResult();
                }
                else
                {
                    await acknowledged.AsTask().WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                if (eventId > 0 && !holding)
                {
                    journal.MarkPublishedThrough(eventId);
                }
            }
            catch (MqttException e)
            {
                // Not acknowledged (client disposed mid-flight): the mark stays before it, so the next start sends it again.
                holding |= eventId > 0;
                OutboxLog.NotAcknowledged(logger, eventId, e.Message);
            }
            catch (OperationCanceledException)
            {
                // Stopping: whatever is still unacknowledged is sent again at the next start.
            }

            _window.Release();
        }
    }

    private async Task PublishAsync(OutboxItem item)
    {
        while (true)
        {
            try
            {
                var acknowledged = client.PublishAsync(item.Topic, item.Payload, MqttQos.AtLeastOnce, cancellationToken: CancellationToken.None);
                _inflight.Writer.TryWrite((item.EventId, acknowledged));
                if (item.ResponseTopic is not null)
                {
                    PublishResponse(item);
                }

                return;
            }
            catch (MqttException e) when (e.Code is MqttErrorCode.QueueFull or MqttErrorCode.NotConnected)
            {
                OutboxLog.Waiting(logger, item.Topic, e.Message);
                await Task.Delay(RetryDelay, time, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    // The response topic is a courtesy copy for request/response MESs (checked at intake); the status topic is the record.
    private void PublishResponse(OutboxItem item)
    {
        try
        {
            var properties = new MqttMessageProperties { CorrelationData = item.Correlation, ContentType = "application/json" };
            _ = client.PublishAsync(item.ResponseTopic!, item.Payload, MqttQos.AtLeastOnce, properties: properties).AsTask().ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (MqttException e)
        {
            OutboxLog.NotAcknowledged(logger, item.EventId, e.Message);
        }
    }
}
