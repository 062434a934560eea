namespace EdgeFactory.Runtime.Sites;

/// <summary>How a site's runtime guards itself: intake limits, agent supervision, journal retention.</summary>
public sealed record SiteSettings
{
    /// <summary>Accepted tasks not yet final, across the site, beyond which new ones are rejected with <c>overloaded</c>.</summary>
    public int MaxOpenTasks { get; init; } = 50_000;

    /// <summary>Largest MES payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 262_144;

    /// <summary>Restarts of a robot's agent allowed within <see cref="RestartWindow"/> before the robot is faulted.</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>Window over which restarts are counted.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>First wait before restarting a crashed agent; doubles up to <see cref="MaxRestartBackoff"/>.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the restart wait.</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What happens to a faulted robot's queued tasks.</summary>
    public RobotFaultPolicy OnRobotFault { get; init; } = RobotFaultPolicy.Reroute;

    /// <summary>
    /// Whether each journal commit is flushed to the disk (<c>full</c>, the default: survives a power cut) or only to
    /// the operating system (<c>normal</c>: survives a crash of the process, not of the device).
    /// </summary>
    public bool JournalSyncFull { get; init; } = true;

    /// <summary>
    /// Topic filters an MQTT 5 response topic must match to be honoured; null means the site's
    /// <c>ef/v1/{site}/mes/replies/#</c>. Any other response topic is ignored (the statuses still go to the task's
    /// status topic), so a submitter cannot make the edge publish where the submitter itself may not.
    /// </summary>
    public IReadOnlyList<string>? ReplyTopics { get; init; }

    /// <summary>How long final tasks stay in the journal.</summary>
    public TimeSpan JournalRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Length of the telemetry windows the edge sends the factory (<c>telemetry.window</c>, 1 s … 1 h).</summary>
    public TimeSpan TelemetryWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Motion policies by name (<c>policies:</c>), as full paths of their ONNX files.</summary>
    public IReadOnlyDictionary<string, string> Policies { get; init; } = new Dictionary<string, string>();

    /// <summary>The OCR models and threads the robots' cameras read labels with (<c>vision:</c>); null when no robot has a camera.</summary>
    public EdgeFactory.Vision.Ocr.OcrOptions? Vision { get; init; }

    /// <summary>Control loop rate of every linked controller, cycles per second (<c>control.rate_hz</c>, 100 … 500).</summary>
    public int ControlRateHz { get; init; } = 250;

    /// <summary>How often a policy infers a new action chunk (<c>control.chunk_hz</c>, 1 … 50).</summary>
    public int ChunkRateHz { get; init; } = 10;

    /// <summary>How the edge receives policies from the factory (<c>models:</c>); null when it does not.</summary>
    public ModelDeliverySettings? ModelDelivery { get; init; }

    /// <summary>Where the e-stop and the stack light are wired.</summary>
    public SiteIoSettings Io { get; init; } = new();
}
