namespace EdgeFactory.Contracts.Schemas;

/// <summary>The published schemas of every contract message.</summary>
public static class ContractSchemas
{
    private static readonly Lazy<ContractSchema> TaskSubmitSchema = new(() => ContractSchema.FromResource("task-submit.schema.json"));
    private static readonly Lazy<ContractSchema> TaskCancelSchema = new(() => ContractSchema.FromResource("task-cancel.schema.json"));
    private static readonly Lazy<ContractSchema> TaskStatusSchema = new(() => ContractSchema.FromResource("task-status.schema.json"));
    private static readonly Lazy<ContractSchema> RobotStateSchema = new(() => ContractSchema.FromResource("robot-state.schema.json"));
    private static readonly Lazy<ContractSchema> DeviceOnlineSchema = new(() => ContractSchema.FromResource("device-online.schema.json"));
    private static readonly Lazy<ContractSchema> ModelPassportSchema = new(() => ContractSchema.FromResource("model-passport.schema.json"));
    private static readonly Lazy<ContractSchema> DesiredStateSchema = new(() => ContractSchema.FromResource("desired-state.schema.json"));
    private static readonly Lazy<ContractSchema> RevocationListSchema = new(() => ContractSchema.FromResource("revocation-list.schema.json"));
    private static readonly Lazy<ContractSchema> TelemetryWindowSchema = new(() => ContractSchema.FromResource("telemetry-window.schema.json"));

    /// <summary>Schema of <see cref="Tasks.TaskSubmitMessage"/>.</summary>
    public static ContractSchema TaskSubmit => TaskSubmitSchema.Value;

    /// <summary>Schema of <see cref="Tasks.TaskCancelMessage"/>.</summary>
    public static ContractSchema TaskCancel => TaskCancelSchema.Value;

    /// <summary>Schema of <see cref="Tasks.TaskStatusMessage"/>.</summary>
    public static ContractSchema TaskStatus => TaskStatusSchema.Value;

    /// <summary>Schema of <see cref="Robots.RobotStateMessage"/>.</summary>
    public static ContractSchema RobotState => RobotStateSchema.Value;

    /// <summary>Schema of <see cref="Devices.DeviceOnlineMessage"/>.</summary>
    public static ContractSchema DeviceOnline => DeviceOnlineSchema.Value;

    /// <summary>Schema of <see cref="Models.ModelPassport"/> (a model package's <c>passport.json</c>).</summary>
    public static ContractSchema ModelPassport => ModelPassportSchema.Value;

    /// <summary>Schema of <see cref="Devices.DesiredModelSetMessage"/>.</summary>
    public static ContractSchema DesiredState => DesiredStateSchema.Value;

    /// <summary>Schema of <see cref="Devices.RevocationListMessage"/>.</summary>
    public static ContractSchema RevocationList => RevocationListSchema.Value;

    /// <summary>Schema of <see cref="Telemetry.TelemetryWindowMessage"/>.</summary>
    public static ContractSchema TelemetryWindow => TelemetryWindowSchema.Value;

    /// <summary>All of them, for tests and tools.</summary>
    public static IReadOnlyList<ContractSchema> All => [TaskSubmit, TaskCancel, TaskStatus, RobotState, DeviceOnline, ModelPassport, DesiredState, RevocationList, TelemetryWindow];
}
