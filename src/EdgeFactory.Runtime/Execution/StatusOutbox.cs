using System.Threading.Channels;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Journal;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// Publishes task statuses once they are durable, in the order they were made durable, at QoS 1. Each status the
/// broker acknowledges is marked published in the journal; one that never was is sent again after a restart
/// (the MES drops what it has seen by sequence). A broker outage only delays: the MQTT client queues QoS 1 publishes
/// while disconnected, and when that queue is full this loop waits and retries instead of dropping.
/// </summary>
internal sealed partial class StatusOutbox : IAsyncDisposable
{
    private const int Window = 2_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly MqttClient _client;
    private readonly TaskJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<OutboxItem> _items = Channel.CreateUnbounded<OutboxItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(long EventId, Task Acknowledged)> _inflight = Channel.CreateUnbounded<(long, Task)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Task _settling;

    public StatusOutbox(MqttClient client, TaskJournal journal, TimeProvider time, ILogger<StatusOutbox> logger)
    {
        _client = client;
        _journal = journal;
        _time = time;
        _logger = logger;
        journal.PublishCommittedTo(Enqueue);
        _loop = Task.Run(RunAsync);
        _settling = Task.Run(SettleAsync);
    }

    public void Enqueue(OutboxItem item)
    {
        if (!_items.Writer.TryWrite(item))
        {
            OutboxLog.Closed(_logger, item.Topic);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The site stops it first to flush; the container disposes it again at the end.
        if (!_items.Writer.TryComplete())
        {
            return;
        }

        // Give what is queued a moment to go out on a clean stop; anything left is re-sent from the journal at start.
        var drained = Task.WhenAll(_loop, _settling);
        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(5), _time)).ConfigureAwait(false);
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
            await foreach (var item in _items.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
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

    private async Task SettleAsync()
    {
        await foreach (var (eventId, acknowledged) in _inflight.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await acknowledged.WaitAsync(_stop.Token).ConfigureAwait(false);
                if (eventId > 0)
                {
                    _journal.MarkPublished(eventId);
                }
            }
            catch (MqttException e)
            {
                // Not acknowledged (client disposed mid-flight): the journal keeps it unpublished for the next start.
                OutboxLog.NotAcknowledged(_logger, eventId, e.Message);
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
                var acknowledged = _client.PublishAsync(item.Topic, item.Payload, MqttQos.AtLeastOnce, cancellationToken: CancellationToken.None);
                _inflight.Writer.TryWrite((item.EventId, acknowledged.AsTask()));
                if (item.ResponseTopic is not null)
                {
                    PublishResponse(item);
                }

                return;
            }
            catch (MqttException e) when (e.Code is MqttErrorCode.QueueFull or MqttErrorCode.NotConnected)
            {
                OutboxLog.Waiting(_logger, item.Topic, e.Message);
                await Task.Delay(RetryDelay, _time, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    // The response topic is a courtesy copy for request/response MESs (checked at intake); the status topic is the record.
    private void PublishResponse(OutboxItem item)
    {
        try
        {
            var properties = new MqttMessageProperties { CorrelationData = item.Correlation, ContentType = "application/json" };
            _ = _client.PublishAsync(item.ResponseTopic!, item.Payload, MqttQos.AtLeastOnce, properties: properties).AsTask().ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (MqttException e)
        {
            OutboxLog.NotAcknowledged(_logger, item.EventId, e.Message);
        }
    }
}
