using System.Diagnostics.Metrics;

namespace EdgeFactory.Runtime.Execution;

/// <summary>The robots' instruments on the <c>EdgeFactory.Runtime</c> meter (exported by whatever listens, e.g. OpenTelemetry).</summary>
public static class RobotMetrics
{
    /// <summary>The runtime's meter.</summary>
    public static readonly Meter Meter = new("EdgeFactory.Runtime");

    /// <summary>Time a robot's actor took to handle one message, by robot.</summary>
    public static readonly Histogram<double> HandlingTime = Meter.CreateHistogram<double>("edgefactory.agent.handling_time", "ms", "Time a robot's actor took to handle one message");

    /// <summary>Messages waiting for a robot's actor, by robot.</summary>
    public static readonly UpDownCounter<long> MailboxDepth = Meter.CreateUpDownCounter<long>("edgefactory.agent.mailbox_depth", description: "Messages told to a robot's actor and not yet handled");

    /// <summary>Restarts after a crash, by robot.</summary>
    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("edgefactory.agent.restarts", description: "Robot actor restarts after a crash");

    /// <summary>Messages no actor handled.</summary>
    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("edgefactory.agent.dead_letters", description: "Messages no actor handled");
}
