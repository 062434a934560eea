namespace EdgeFactory.Contracts.Topics;

/// <summary>The kinds of topic in the EdgeFactory namespace.</summary>
public enum TopicKind
{
    /// <summary><c>ef/v1/{site}/mes/tasks</c></summary>
    TaskSubmit,

    /// <summary><c>ef/v1/{site}/mes/rejections</c>: rejections of submissions without a readable task id.</summary>
    TaskRejections,

    /// <summary><c>ef/v1/{site}/mes/tasks/{taskId}/cancel</c></summary>
    TaskCancel,

    /// <summary><c>ef/v1/{site}/tasks/{taskId}/status</c></summary>
    TaskStatus,

    /// <summary><c>ef/v1/{site}/robots/{robotId}/state</c></summary>
    RobotState,

    /// <summary><c>ef/v1/{site}/edges/{deviceId}/online</c></summary>
    EdgeOnline,

    /// <summary><c>ef/v1/{site}/edges/{deviceId}/desired</c></summary>
    EdgeDesired,

    /// <summary><c>ef/v1/{site}/edges/{deviceId}/reported</c></summary>
    EdgeReported,

    /// <summary><c>ef/v1/{site}/edges/{deviceId}/telemetry</c></summary>
    EdgeTelemetry,

    /// <summary><c>ef/v1/fleet/revocations</c></summary>
    FleetRevocations,
}
