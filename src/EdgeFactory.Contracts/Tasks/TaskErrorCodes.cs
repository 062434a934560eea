namespace EdgeFactory.Contracts.Tasks;

/// <summary>Stable error codes carried in <see cref="TaskError.Code"/>; documented in docs/mes-integration.md.</summary>
public static class TaskErrorCodes
{
    /// <summary>The payload is not valid UTF-8 JSON (also: invalid UTF-8 or a lone surrogate escape inside a string).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The JSON does not match the message's schema (missing field, wrong type, value out of bounds).</summary>
    public const string SchemaViolation = "schema_violation";

    /// <summary>The payload is larger than the site accepts.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>The robot id names no robot at this site.</summary>
    public const string UnknownRobot = "unknown_robot";

    /// <summary>No robot at the site (or not the named one) can do this task type.</summary>
    public const string UnsupportedTaskType = "unsupported_task_type";

    /// <summary>A parameter is missing, unknown, of the wrong type or outside its declared range.</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>The task id was used before with different content.</summary>
    public const string TaskIdConflict = "task_id_conflict";

    /// <summary>A cancel named a task the site does not know.</summary>
    public const string UnknownTask = "unknown_task";

    /// <summary>The site's intake queue is full; resubmit later.</summary>
    public const string Overloaded = "overloaded";

    /// <summary>The task's deadline passed before it started.</summary>
    public const string DeadlineExpired = "deadline_expired";

    /// <summary>The assigned robot faulted and the task could not be re-routed.</summary>
    public const string RobotFaulted = "robot_faulted";

    /// <summary>A step of the task failed after its retries.</summary>
    public const string StepFailed = "step_failed";

    /// <summary>A step did not finish within its timeout.</summary>
    public const string StepTimeout = "step_timeout";

    /// <summary>The edge restarted while the task ran and its recovery policy is to fail.</summary>
    public const string InterruptedByRestart = "interrupted_by_restart";

    /// <summary>The site could not record the submission (its journal failed); nothing was accepted. Resubmit with the same id.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The site failed while handling the message (a defect of the site, not of the message); nothing was accepted. Resubmit; report it if it repeats.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The site's emergency stop is tripped: a running task was stopped, or a new one is refused until the e-stop is reset on the line.</summary>
    public const string EmergencyStop = "emergency_stop";
}
