namespace EdgeFactory.Contracts.Topics;

/// <summary>The EdgeFactory MQTT namespace: every topic name is built and parsed here and nowhere else.</summary>
public static class Topics
{
    /// <summary>Root of every topic; the version changes only with an incompatible contract.</summary>
    public const string Root = "ef/v1";

    /// <summary>Reserved level under <see cref="Root"/> for fleet-wide topics; no site may be called this.</summary>
    public const string FleetLevel = "fleet";

    /// <summary>Retained fleet-wide revocation list.</summary>
    public const string FleetRevocations = Root + "/" + FleetLevel + "/revocations";

    /// <summary>Where an MES submits tasks to <paramref name="site"/>.</summary>
    public static string TaskSubmit(string site) => $"{SitePrefix(site)}/mes/tasks";

    /// <summary>Where an MES cancels <paramref name="taskId"/>.</summary>
    public static string TaskCancel(string site, string taskId) =>
        $"{SitePrefix(site)}/mes/tasks/{TopicSegment.Require(taskId, "task id")}/cancel";

    /// <summary>Subscription filter for cancels of any task at <paramref name="site"/>.</summary>
    public static string AnyTaskCancel(string site) => $"{SitePrefix(site)}/mes/tasks/+/cancel";

    /// <summary>Where the edge rejects submissions it could not read a task id from (not JSON, no valid <c>taskId</c>).</summary>
    public static string TaskRejections(string site) => $"{SitePrefix(site)}/mes/rejections";

    /// <summary>Filter of the response topics a site honours by default (<c>ef/v1/{site}/mes/replies/#</c>); MES clients reply-subscribe under it.</summary>
    public static string DefaultReplyFilter(string site) => $"{SitePrefix(site)}/mes/replies/#";

    /// <summary>Where the edge publishes status events of <paramref name="taskId"/>.</summary>
    public static string TaskStatus(string site, string taskId) =>
        $"{SitePrefix(site)}/tasks/{TopicSegment.Require(taskId, "task id")}/status";

    /// <summary>Subscription filter for status events of every task at <paramref name="site"/>.</summary>
    public static string AnyTaskStatus(string site) => $"{SitePrefix(site)}/tasks/+/status";

    /// <summary>Retained state of <paramref name="robotId"/>.</summary>
    public static string RobotState(string site, string robotId) =>
        $"{SitePrefix(site)}/robots/{TopicSegment.Require(robotId, "robot id")}/state";

    /// <summary>Subscription filter for the state of every robot at <paramref name="site"/>.</summary>
    public static string AnyRobotState(string site) => $"{SitePrefix(site)}/robots/+/state";

    /// <summary>Retained presence of an edge device (also its MQTT will).</summary>
    public static string EdgeOnline(string site, string deviceId) => Edge(site, deviceId, "online");

    /// <summary>Subscription filter for the presence of every edge device at <paramref name="site"/>.</summary>
    public static string AnyEdgeOnline(string site) => $"{SitePrefix(site)}/edges/+/online";

    /// <summary>Retained desired model set of a device.</summary>
    public static string EdgeDesired(string site, string deviceId) => Edge(site, deviceId, "desired");

    /// <summary>Retained reported state of a device.</summary>
    public static string EdgeReported(string site, string deviceId) => Edge(site, deviceId, "reported");

    /// <summary>Telemetry windows of a device.</summary>
    public static string EdgeTelemetry(string site, string deviceId) => Edge(site, deviceId, "telemetry");

    /// <summary>Subscription filter for the presence of every edge at every site (the factory's fleet view).</summary>
    public const string EveryEdgeOnline = Root + "/+/edges/+/online";

    /// <summary>Subscription filter for what every edge at every site reports running.</summary>
    public const string EveryEdgeReported = Root + "/+/edges/+/reported";

    /// <summary>Subscription filter for the telemetry of every device at every site.</summary>
    public const string AnyEdgeTelemetry = Root + "/+/edges/+/telemetry";

    /// <summary>
    /// MQTT 5 shared subscription to <see cref="AnyEdgeTelemetry"/> in <paramref name="group"/>: the broker hands each
    /// window to one member of the group, so factory instances in one group share the load.
    /// </summary>
    public static string SharedEdgeTelemetry(string group) => $"$share/{TopicSegment.Require(group, "share group")}/{AnyEdgeTelemetry}";

    /// <summary>Subscription filter for everything at <paramref name="site"/>.</summary>
    public static string EverythingAt(string site) => $"{SitePrefix(site)}/#";

    /// <summary>Takes a concrete topic apart; false for topics outside the namespace or with invalid ids.</summary>
    public static bool TryParse(string topic, out TopicAddress address)
    {
        ArgumentNullException.ThrowIfNull(topic);
        address = default;
        if (topic == FleetRevocations)
        {
            address = new TopicAddress(TopicKind.FleetRevocations, string.Empty, string.Empty);
            return true;
        }

        // ef / v1 / site / area / [id] / [leaf]
        var levels = topic.Split('/');
        if (levels.Length < 5 || levels[0] != "ef" || levels[1] != "v1" || levels[2] == FleetLevel
            || !TopicSegment.IsValid(levels[2]))
        {
            return false;
        }

        var site = levels[2];
        TopicKind? kind = (levels.Length, levels[3], levels[4]) switch
        {
            (5, "mes", "tasks") => TopicKind.TaskSubmit,
            (5, "mes", "rejections") => TopicKind.TaskRejections,
            (7, "mes", "tasks") when levels[6] == "cancel" => TopicKind.TaskCancel,
            (6, "tasks", _) when levels[5] == "status" => TopicKind.TaskStatus,
            (6, "robots", _) when levels[5] == "state" => TopicKind.RobotState,
            (6, "edges", _) => levels[5] switch
            {
                "online" => TopicKind.EdgeOnline,
                "desired" => TopicKind.EdgeDesired,
                "reported" => TopicKind.EdgeReported,
                "telemetry" => TopicKind.EdgeTelemetry,
                _ => null,
            },
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        var id = kind switch
        {
            TopicKind.TaskSubmit or TopicKind.TaskRejections => string.Empty,
            TopicKind.TaskCancel => levels[5],
            _ => levels[4],
        };
        if (id.Length > 0 && !TopicSegment.IsValid(id))
        {
            return false;
        }

        address = new TopicAddress(kind.Value, site, id);
        return true;
    }

    private static string Edge(string site, string deviceId, string leaf) =>
        $"{SitePrefix(site)}/edges/{TopicSegment.Require(deviceId, "device id")}/{leaf}";

    private static string SitePrefix(string site)
    {
        TopicSegment.Require(site, "site id");
        if (site == FleetLevel)
        {
            throw new ArgumentException($"'{FleetLevel}' is reserved for fleet-wide topics and cannot be a site id.", nameof(site));
        }

        return $"{Root}/{site}";
    }
}
