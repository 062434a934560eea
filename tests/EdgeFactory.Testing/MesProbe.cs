using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Testing;

/// <summary>An MES for tests: submits and cancels tasks over a real broker and records every status it is sent.</summary>
public sealed class MesProbe : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly string _site;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskStatusMessage>> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TaskStatusMessage> _unidentified = new();
    private readonly ConcurrentQueue<(string Topic, TaskStatusMessage Status, byte[]? Correlation)> _responses = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private MesProbe(MqttClient client, string site)
    {
        _client = client;
        _site = site;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Rejections sent to the site's rejections topic (no readable task id).</summary>
    public IReadOnlyCollection<TaskStatusMessage> Unidentified => _unidentified;

    /// <summary>Statuses sent to response topics under the site's <c>mes/replies/#</c>, with their correlation data.</summary>
    public IReadOnlyCollection<(string Topic, TaskStatusMessage Status, byte[]? Correlation)> Responses => _responses;

    /// <summary>Connects to <paramref name="options"/>' broker and listens to <paramref name="site"/>'s statuses.</summary>
    public static async Task<MesProbe> ConnectAsync(MqttClientOptions options, string site)
    {
        var client = new MqttClient(options with { ReceiveCapacity = 200_000 });
        await client.ConnectAsync(CancellationToken.None);
        await client.SubscribeAsync(Topics.AnyTaskStatus(site), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await client.SubscribeAsync(Topics.TaskRejections(site), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await client.SubscribeAsync(Topics.DefaultReplyFilter(site), MqttQos.AtLeastOnce, null, CancellationToken.None);
        return new MesProbe(client, site);
    }

    /// <summary>A response topic the site honours, under which this probe listens.</summary>
    public string ReplyTopic => $"ef/v1/{_site}/mes/replies/probe";

    /// <summary>Every status of <paramref name="taskId"/> received so far, in arrival order.</summary>
    public IReadOnlyList<TaskStatusMessage> StatusesOf(string taskId) =>
        _statuses.TryGetValue(taskId, out var queue) ? queue.ToList() : [];

    /// <summary>Task ids that received any status.</summary>
    public IReadOnlyCollection<string> TaskIds => _statuses.Keys.ToList();

    /// <summary>Submits raw JSON (or anything) to the site's submit topic.</summary>
    public ValueTask SubmitRawAsync(ReadOnlyMemory<byte> payload, MqttMessageProperties? properties = null) =>
        _client.PublishAsync(Topics.TaskSubmit(_site), payload, MqttQos.AtLeastOnce, properties: properties);

    /// <summary>Submits JSON text.</summary>
    public ValueTask SubmitAsync(string json, MqttMessageProperties? properties = null) => SubmitRawAsync(Encoding.UTF8.GetBytes(json), properties);

    /// <summary>Sends a cancel for <paramref name="taskId"/>.</summary>
    public ValueTask CancelAsync(string taskId, string? bodyTaskId = null) =>
        _client.PublishAsync(Topics.TaskCancel(_site, taskId), Encoding.UTF8.GetBytes($"{{\"taskId\":\"{bodyTaskId ?? taskId}\"}}"), MqttQos.AtLeastOnce);

    /// <summary>Sends raw bytes as a cancel of <paramref name="taskId"/>.</summary>
    public ValueTask CancelRawAsync(string taskId, ReadOnlyMemory<byte> payload, MqttMessageProperties? properties = null) =>
        _client.PublishAsync(Topics.TaskCancel(_site, taskId), payload, MqttQos.AtLeastOnce, properties: properties);

    /// <summary>Waits for a status of <paramref name="taskId"/> matching <paramref name="match"/>.</summary>
    public async Task<TaskStatusMessage> WaitForAsync(string taskId, Func<TaskStatusMessage, bool> match, string what, TimeSpan? limit = null)
    {
        TaskStatusMessage? found = null;
        await Eventually.TrueAsync(() => (found = StatusesOf(taskId).FirstOrDefault(match)) is not null, $"{taskId}: {what}", limit ?? TimeSpan.FromSeconds(60));
        return found!;
    }

    /// <summary>Waits for <paramref name="taskId"/>'s state <paramref name="state"/>.</summary>
    public Task<TaskStatusMessage> WaitForStateAsync(string taskId, TaskState state, TimeSpan? limit = null) =>
        WaitForAsync(taskId, s => s.State == state, state.ToString(), limit);

    /// <summary>Waits for <paramref name="taskId"/>'s first final status.</summary>
    public Task<TaskStatusMessage> WaitForFinalAsync(string taskId, TimeSpan? limit = null) =>
        WaitForAsync(taskId, s => s.State.IsFinal(), "a final status", limit);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        await _client.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _client.Messages.ReadAllAsync(_stop.Token))
            {
                using (message)
                {
                    var status = JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.TaskStatusMessage)!;
                    if (TopicFilter.Matches(Topics.DefaultReplyFilter(_site), message.Topic))
                    {
                        _responses.Enqueue((message.Topic, status, message.Properties?.CorrelationData?.ToArray()));
                    }
                    else if (Topics.TryParse(message.Topic, out var address) && address.Kind == TopicKind.TaskRejections)
                    {
                        _unidentified.Enqueue(status);
                    }
                    else
                    {
                        _statuses.GetOrAdd(status.TaskId, _ => new ConcurrentQueue<TaskStatusMessage>()).Enqueue(status);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
