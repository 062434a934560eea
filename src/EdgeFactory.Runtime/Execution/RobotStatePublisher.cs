using System.Collections.Concurrent;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills.Link;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// Publishes a robot's retained state (mode, current task, faults) whenever it changes, and remembers the latest of
/// each robot so that all of them can be published again when the broker lost its retained messages.
/// </summary>
internal sealed partial class RobotStatePublisher(SiteDefinition site, MqttClient client, TimeProvider time, ILogger<RobotStatePublisher> logger, SiteEmergencyStop? stackLight = null)
{
    private readonly ConcurrentDictionary<string, RobotStateMessage> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lock> _locks = site.Robots.ToDictionary(r => r.RobotId, _ => new Lock(), StringComparer.Ordinal);

    /// <summary>Records and publishes a robot's state without waiting for the broker (the state is retained; the next change repairs a loss).</summary>
    public void Publish(RobotDefinition robot, RobotMode mode, string? currentTaskId, IReadOnlyList<RobotFault>? faults = null) =>
        Observe(PublishAsync(robot, mode, currentTaskId, faults, CancellationToken.None), robot.RobotId);

    /// <summary>Records and publishes a robot's state; completes when the broker has it.</summary>
    public ValueTask PublishAsync(RobotDefinition robot, RobotMode mode, string? currentTaskId, IReadOnlyList<RobotFault>? faults, CancellationToken cancellationToken)
    {
        var state = new RobotStateMessage(robot.RobotId, robot.Kind, mode, time.GetUtcNow(), currentTaskId, faults);

        // Recorded and handed to the client under one lock per robot, so a republish never sends an older state after a newer one.
        ValueTask sent;
        lock (LockOf(robot.RobotId))
        {
            _latest[robot.RobotId] = state;
            sent = Send(state, cancellationToken);
        }

        // The stack light shows amber while any robot is faulted (red, for an e-stop, wins).
        stackLight?.ShowFaulted(_latest.Values.Any(s => s.Mode == RobotMode.Faulted));
        return sent;
    }

    /// <summary>Publishes every robot's latest state again (after a reconnect to a broker that may have lost them).</summary>
    public void RepublishAll()
    {
        foreach (var robotId in _latest.Keys)
        {
            lock (LockOf(robotId))
            {
                Observe(Send(_latest[robotId], CancellationToken.None), robotId);
            }
        }
    }

    private ValueTask Send(RobotStateMessage state, CancellationToken cancellationToken)
    {
        try
        {
            return client.PublishAsync(
                Topics.RobotState(site.SiteId, state.RobotId),
                JsonSerializer.SerializeToUtf8Bytes(state, ContractsJsonContext.Default.RobotStateMessage),
                MqttQos.AtLeastOnce,
                retain: true,
                cancellationToken: cancellationToken);
        }
        catch (MqttException e)
        {
            return ValueTask.FromException(e);
        }
    }

    private void Observe(ValueTask publish, string robotId)
    {
        if (publish.IsCompletedSuccessfully)
        {
            return;
        }

        _ = publish.AsTask().ContinueWith(
            (t, state) => NotPublished(logger, (string)state!, t.Exception!.GetBaseException().Message),
            robotId,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private Lock LockOf(string robotId) => _locks[robotId];

    [LoggerMessage(5200, LogLevel.Warning, "State of robot {RobotId} not published: {Reason}")]
    private static partial void NotPublished(ILogger logger, string robotId, string reason);
}
