using System.Diagnostics.Metrics;

namespace EdgeFactory.Robotics.Control;

/// <summary>What a control loop counted: cycles, overruns, commands, heartbeats, and the period jitter histogram.</summary>
public sealed class ControlLoopStatistics
{
    private static readonly Counter<long> CycleCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.loop.cycles", description: "Control loop cycles");
    private static readonly Counter<long> OverrunCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.loop.overruns", description: "Control loop cycles that started a whole period late");
    private static readonly Histogram<double> JitterInstrument = RoboticsMetrics.Meter.CreateHistogram<double>("edgefactory.robot.loop.jitter", "us", "How late each control loop cycle started after its deadline");

    private readonly KeyValuePair<string, object?> _robot;
    private long _cycles;
    private long _overruns;
    private long _commands;
    private long _heartbeats;
    private long _chunks;

    /// <summary>Creates the statistics of <paramref name="robot"/>'s loop.</summary>
    public ControlLoopStatistics(string robot)
    {
        _robot = new("robot", robot);

        // An instrument's first measurement allocates; the first overrun would otherwise pay it inside the loop.
        OverrunCounter.Add(0, _robot);
    }

    /// <summary>Cycles run.</summary>
    public long Cycles => Volatile.Read(ref _cycles);

    /// <summary>Cycles that started a whole period or more late (the loop then re-anchors its deadlines).</summary>
    public long Overruns => Volatile.Read(ref _overruns);

    /// <summary>Joint commands sent.</summary>
    public long Commands => Volatile.Read(ref _commands);

    /// <summary>Heartbeats sent while idle.</summary>
    public long Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>Chunks taken from the producer.</summary>
    public long ChunksTaken => Volatile.Read(ref _chunks);

    /// <summary>Lateness of each cycle's start, microseconds.</summary>
    public JitterHistogram Jitter { get; } = new();

    /// <summary>Period jitter: |time between two cycle starts − the period|, microseconds (what <c>loop-ref</c> reports as jitter).</summary>
    public JitterHistogram PeriodJitter { get; } = new();

    /// <summary>Time each cycle spent working (e-stop, state, chunk, envelope, send), microseconds.</summary>
    public JitterHistogram Compute { get; } = new();

    internal void CountCycle(long lateMicroseconds, bool overrun)
    {
        Volatile.Write(ref _cycles, _cycles + 1);
        Jitter.Record(lateMicroseconds);
        CycleCounter.Add(1, _robot);
        JitterInstrument.Record(lateMicroseconds, _robot);
        if (overrun)
        {
            Volatile.Write(ref _overruns, _overruns + 1);
            OverrunCounter.Add(1, _robot);
        }
    }

    internal void CountPeriod(long jitterMicroseconds, long computeMicroseconds)
    {
        if (jitterMicroseconds >= 0)
        {
            PeriodJitter.Record(jitterMicroseconds);
        }

        Compute.Record(computeMicroseconds);
    }

    internal void CountCommand() => Volatile.Write(ref _commands, _commands + 1);

    internal void CountHeartbeat() => Volatile.Write(ref _heartbeats, _heartbeats + 1);

    internal void CountChunk() => Volatile.Write(ref _chunks, _chunks + 1);
}
