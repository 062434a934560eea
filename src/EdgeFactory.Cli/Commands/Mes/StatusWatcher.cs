using System.Text;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary>Submits one task and follows its status topic, printing each new status as a person at the MES would read them.</summary>
internal sealed class StatusWatcher : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly string _site;
    private readonly string _taskId;

    private StatusWatcher(MqttClient client, string site, string taskId)
    {
        _client = client;
        _site = site;
        _taskId = taskId;
    }

    public static async Task<StatusWatcher> StartAsync(MqttClientOptions options, string site, string taskId, CancellationToken cancellationToken)
    {
        var client = new MqttClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(Topics.TaskStatus(site, taskId), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(Topics.TaskRejections(site), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        return new StatusWatcher(client, site, taskId);
    }

    /// <summary>Publishes the submission (QoS 1); the subscriptions are already in place, so no status can be missed.</summary>
    public ValueTask SubmitAsync(TaskSubmitMessage submit, CancellationToken cancellationToken) =>
        _client.PublishAsync(
            Topics.TaskSubmit(_site),
            JsonSerializer.SerializeToUtf8Bytes(submit, ContractsJsonContext.Default.TaskSubmitMessage),
            MqttQos.AtLeastOnce,
            cancellationToken: cancellationToken);

    /// <summary>Prints statuses until a final one; null when <paramref name="timeout"/> passed first.</summary>
    public async Task<TaskState?> PrintUntilFinalAsync(TextWriter output, bool json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var seen = new HashSet<long>();
        try
        {
            await foreach (var message in _client.Messages.ReadAllAsync(limit.Token).ConfigureAwait(false))
            {
                using (message)
                {
                    var status = JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.TaskStatusMessage)!;
                    if ((status.TaskId != _taskId && status.TaskId != "unidentified") || (status.Sequence > 0 && !seen.Add(status.Sequence)))
                    {
                        continue;
                    }

                    await output.WriteLineAsync(json ? Encoding.UTF8.GetString(message.Payload.Span) : Describe(status)).ConfigureAwait(false);
                    if (status.State.IsFinal())
                    {
                        return status.State;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync($"timeout    no final status for {_taskId} within {timeout.TotalSeconds:0} s").ConfigureAwait(false);
        }

        return null;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private static string Describe(TaskStatusMessage status)
    {
        var state = JsonNamingPolicy.SnakeCaseLower.ConvertName(status.State.ToString());
        var detail = status switch
        {
            { Error: { } error } => $"{error.Code}: {error.Message}",
            { Step: { } step } => $"{step.Name} ({step.Index + 1}/{step.Count})",
            { State: TaskState.Started } => $"on {status.RobotId}",
            { State: TaskState.Completed, Result: { Count: > 0 } result } => JsonSerializer.Serialize(result, MesJson.Default.IReadOnlyDictionaryStringJsonElement),
            { State: TaskState.Accepted } => status.TaskId,
            _ => string.Empty,
        };
        return $"{state,-10} {detail}".TrimEnd();
    }
}
