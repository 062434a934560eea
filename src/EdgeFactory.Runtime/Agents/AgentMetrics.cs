using System.Diagnostics.Metrics;

namespace EdgeFactory.Runtime.Agents;

/// <summary>The agents' instruments on the <c>EdgeFactory.Runtime</c> meter (exported by whatever listens, e.g. OpenTelemetry).</summary>
public static class AgentMetrics
{
    /// <summary>The runtime's meter.</summary>
    public static readonly Meter Meter = new("EdgeFactory.Runtime");

    /// <summary>Time to handle one message, by agent.</summary>
    public static readonly Histogram<double> HandlingTime = Meter.CreateHistogram<double>("edgefactory.agent.handling_time", "ms", "Time an agent took to handle one message");

    /// <summary>Restarts after a crash, by agent.</summary>
    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("edgefactory.agent.restarts", description: "Agent restarts after a crash");

    /// <summary>Messages no agent handled.</summary>
    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("edgefactory.agent.dead_letters", description: "Messages no agent handled");
}
