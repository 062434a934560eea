using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>Publishes a robot's retained state (mode, current task, faults) whenever it changes.</summary>
internal sealed partial class RobotStatePublisher(SiteDefinition site, MqttClient client, TimeProvider time, ILogger<RobotStatePublisher> logger)
{
    public void Publish(RobotDefinition robot, RobotMode mode, string? currentTaskId, IReadOnlyList<RobotFault>? faults = null)
    {
        var state = new RobotStateMessage(robot.RobotId, robot.Kind, mode, time.GetUtcNow(), currentTaskId, faults);
        try
        {
            _ = client.PublishAsync(
                Topics.RobotState(site.SiteId, robot.RobotId),
                JsonSerializer.SerializeToUtf8Bytes(state, ContractsJsonContext.Default.RobotStateMessage),
                MqttQos.AtLeastOnce,
                retain: true).AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (MqttException e)
        {
            // The state is retained: the next change publishes the current one in full.
            NotPublished(logger, robot.RobotId, e.Message);
        }
    }

    [LoggerMessage(5200, LogLevel.Warning, "State of robot {RobotId} not published: {Reason}")]
    private static partial void NotPublished(ILogger logger, string robotId, string reason);
}
