using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.MesSimulation;

/// <summary>
/// An MES on a site broker: finds the site's robots from their retained state, submits tasks, follows every status
/// (dropping re-deliveries by sequence, as the contract asks) and counts what it saw, lost and doubled work included.
/// </summary>
public sealed class MesSimulator : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly string _site;
    private readonly string _submitTopic;
    private readonly ConcurrentDictionary<string, TrackedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RobotStateMessage> _robots = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _submitted;
    private int _open;
    private long _received;

    private MesSimulator(MqttClient client, string site)
    {
        _client = client;
        _site = site;
        _submitTopic = Topics.TaskSubmit(site);
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Robots seen on the site's retained state topics.</summary>
    public IReadOnlyDictionary<string, RobotStateMessage> Robots => _robots;

    /// <summary>Robots whose retained state says they can take work (not offline, not faulted).</summary>
    public IReadOnlyList<RobotStateMessage> AvailableRobots =>
        _robots.Values.Where(r => r.Mode is not (RobotMode.Offline or RobotMode.Faulted)).OrderBy(r => r.RobotId, StringComparer.Ordinal).ToList();

    /// <summary>Every task submitted, by id.</summary>
    public IReadOnlyDictionary<string, TrackedTask> Tasks => _tasks;

    /// <summary>Status messages received (re-deliveries included).</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>Tasks submitted and not yet final.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Connects and subscribes to the site's statuses and robot states.</summary>
    public static async Task<MesSimulator> ConnectAsync(MqttClientOptions options, string site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new MqttClient(options with { ReceiveCapacity = Math.Max(options.ReceiveCapacity, 100_000), MaxInflight = Math.Max(options.MaxInflight, 1000) });
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await client.SubscribeAsync(Topics.AnyTaskStatus(site), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
            await client.SubscribeAsync(Topics.TaskRejections(site), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
            await client.SubscribeAsync(Topics.AnyRobotState(site), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new MesSimulator(client, site);
    }

    /// <summary>Publishes a submission (QoS 1) and starts tracking it; completes when the broker has it.</summary>
    public async ValueTask SubmitAsync(TaskSubmitMessage submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var payload = JsonSerializer.SerializeToUtf8Bytes(submit, ContractsJsonContext.Default.TaskSubmitMessage);
        // Counted as it goes, not by walking every task: waiting for finals polls it, and a walk copies the whole table.
        var tracked = new TrackedTask(submit.TaskId, Stopwatch.GetTimestamp());
        if (!_tasks.TryGetValue(submit.TaskId, out var earlier) || earlier.Final is not null)
        {
            Interlocked.Increment(ref _open);
        }

        _tasks[submit.TaskId] = tracked;
        Interlocked.Increment(ref _submitted);
        await _client.PublishAsync(_submitTopic, payload, MqttQos.AtLeastOnce, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a cancel for <paramref name="taskId"/>.</summary>
    public ValueTask CancelAsync(string taskId, CancellationToken cancellationToken) =>
        _client.PublishAsync(
            Topics.TaskCancel(_site, taskId),
            JsonSerializer.SerializeToUtf8Bytes(new TaskCancelMessage(taskId), ContractsJsonContext.Default.TaskCancelMessage),
            MqttQos.AtLeastOnce,
            cancellationToken: cancellationToken);

    /// <summary>Waits until every submitted task is final or <paramref name="grace"/> passes; true when none is left open.</summary>
    public async Task<bool> WaitForFinalsAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (Open > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return Open == 0;
    }

    /// <summary>What was seen so far: tasks accepted and not final are open; tasks never answered are lost.</summary>
    public MesTally Tally()
    {
        var tasks = _tasks.Values.ToList();
        static IReadOnlyDictionary<string, int> ByCode(IEnumerable<TrackedTask> tasks) =>
            tasks.GroupBy(t => t.ErrorCode ?? "none").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MesTally(
            Volatile.Read(ref _submitted),
            tasks.Count(t => t.Final is not null and not TaskState.Rejected),
            ByCode(tasks.Where(t => t.Final == TaskState.Rejected)),
            tasks.Count(t => t.Final == TaskState.Completed),
            ByCode(tasks.Where(t => t.Final == TaskState.Failed)),
            tasks.Count(t => t.Final == TaskState.Cancelled),
            tasks.Count(t => t.Final is null && t.AnsweredAt != 0),
            tasks.Count(t => t.Final is null && t.AnsweredAt == 0),
            tasks.Count(t => t.Finals > 1),
            tasks.Sum(t => t.Redelivered),
            TrackedTasks.TasksPerHour(tasks));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _client.Messages.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                using (message)
                {
                    Observe(message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Observe(MqttMessage message)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        if (!Topics.TryParse(message.Topic, out var address))
        {
            return;
        }

        try
        {
            if (address.Kind == TopicKind.RobotState)
            {
                _robots[address.Id] = JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.RobotStateMessage)!;
            }
            else if (StatusDigest.TryRead(message.Payload.Span, out var status) && _tasks.TryGetValue(status.TaskId, out var task))
            {
                // One reader observes: a task turns final here once.
                var wasOpen = task.Final is null;
                task.Observe(status, now);
                if (wasOpen && task.Final is not null)
                {
                    Interlocked.Decrement(ref _open);
                }
            }
        }
        catch (JsonException)
        {
            // Not ours to judge here; the site's own tests check its payloads.
        }
    }
}
