using System.Diagnostics.Metrics;

namespace EdgeFactory.Robotics.Link;

/// <summary>What one robot link counted: datagrams sent and accepted, rejected by reason, lost, round trips. Also exported as metrics.</summary>
public sealed class LinkStatistics
{
    private static readonly Counter<long> RejectedCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.link.rejected", description: "Datagrams the robot link dropped, by reason");
    private static readonly Counter<long> AcceptedCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.link.accepted", description: "Datagrams the robot link accepted");
    private static readonly Counter<long> LostCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.link.lost", description: "Datagrams missing from the controller's sequence");
    private static readonly Counter<long> SendFailureCounter = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.link.send_failures", description: "Datagrams the socket refused to send");
    private static readonly Histogram<double> RoundTripHistogram = RoboticsMetrics.Meter.CreateHistogram<double>("edgefactory.robot.link.round_trip", "ms", "Time from a command to the state that acknowledges it");

    private readonly long[] _rejected = new long[LinkRejections.Count];
    private readonly KeyValuePair<string, object?> _robot;
    private long _accepted;
    private long _lost;
    private long _sent;
    private long _sendFailures;
    private long _roundTripTicks;

    /// <summary>Creates the statistics of the link to <paramref name="robot"/>.</summary>
    public LinkStatistics(string robot)
    {
        _robot = new("robot", robot);

        // An instrument's first measurement allocates; these are rare (a fault), so the first one would land in a
        // control loop's steady state. Adding zero pays it here.
        RejectedCounter.Add(0, _robot, new("reason", LinkRejections.Name(LinkRejection.Crc)));
        LostCounter.Add(0, _robot);
        SendFailureCounter.Add(0, _robot);
    }

    /// <summary>Datagrams accepted.</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Datagrams missing in the controller's sequence (gaps; nothing was rejected for them).</summary>
    public long Lost => Volatile.Read(ref _lost);

    /// <summary>Datagrams sent.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Datagrams the socket refused to send.</summary>
    public long SendFailures => Volatile.Read(ref _sendFailures);

    /// <summary>Datagrams dropped in all.</summary>
    public long RejectedTotal
    {
        get
        {
            long total = 0;
            for (var i = 1; i < _rejected.Length; i++)
            {
                total += Volatile.Read(ref _rejected[i]);
            }

            return total;
        }
    }

    /// <summary>The last round trip from a command to the state acknowledging it, in timestamp ticks (0 before any).</summary>
    public long LastRoundTripTicks => Volatile.Read(ref _roundTripTicks);

    /// <summary>Datagrams dropped for <paramref name="reason"/>.</summary>
    public long Rejected(LinkRejection reason) => Volatile.Read(ref _rejected[(int)reason]);

    internal void CountRejected(LinkRejection reason)
    {
        Interlocked.Increment(ref _rejected[(int)reason]);
        RejectedCounter.Add(1, _robot, new("reason", LinkRejections.Name(reason)));
    }

    internal void CountAccepted()
    {
        Interlocked.Increment(ref _accepted);
        AcceptedCounter.Add(1, _robot);
    }

    internal void CountLost(uint missing)
    {
        Interlocked.Add(ref _lost, missing);
        LostCounter.Add(missing, _robot);
    }

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountSendFailure()
    {
        Interlocked.Increment(ref _sendFailures);
        SendFailureCounter.Add(1, _robot);
    }

    internal void RecordRoundTrip(long ticks, TimeProvider time)
    {
        Volatile.Write(ref _roundTripTicks, ticks);
        RoundTripHistogram.Record(ticks * 1000.0 / time.TimestampFrequency, _robot);
    }
}
