using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdgeFactory.Runtime.Execution;

/// <summary>What the site counted: acceptances, rejections by code, final states. Also exported as metrics.</summary>
public sealed class SiteCounters
{
    private static readonly Counter<long> Rejections = RobotMetrics.Meter.CreateCounter<long>("edgefactory.tasks.rejected", description: "Submissions and cancels rejected, by error code");
    private static readonly Counter<long> Accepted = RobotMetrics.Meter.CreateCounter<long>("edgefactory.tasks.accepted", description: "Tasks accepted");
    private static readonly Counter<long> RefusedReplyTopics = RobotMetrics.Meter.CreateCounter<long>("edgefactory.intake.reply_topics_refused", description: "MQTT 5 response topics ignored because they are outside the site's reply topics");
    private static readonly Counter<long> Finished = RobotMetrics.Meter.CreateCounter<long>("edgefactory.tasks.finished", description: "Tasks that reached a final state, by state");

    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _finished = new(StringComparer.Ordinal);
    private long _accepted;
    private long _refusedReplyTopics;

    /// <summary>Tasks accepted since start.</summary>
    public long AcceptedCount => Interlocked.Read(ref _accepted);

    /// <summary>Response topics ignored since start because the site's reply topics do not cover them.</summary>
    public long RefusedReplyTopicCount => Interlocked.Read(ref _refusedReplyTopics);

    /// <summary>Rejections by error code since start.</summary>
    public IReadOnlyDictionary<string, long> RejectedByCode => _rejected;

    /// <summary>Final states reached since start (completed, failed, cancelled).</summary>
    public IReadOnlyDictionary<string, long> FinishedByState => _finished;

    internal void CountAccepted()
    {
        Interlocked.Increment(ref _accepted);
        Accepted.Add(1);
    }

    internal void CountRejected(string code)
    {
        _rejected.AddOrUpdate(code, 1, (_, n) => n + 1);
        Rejections.Add(1, new KeyValuePair<string, object?>("code", code));
    }

    internal void CountRefusedReplyTopic()
    {
        Interlocked.Increment(ref _refusedReplyTopics);
        RefusedReplyTopics.Add(1);
    }

    internal void CountFinished(string state)
    {
        _finished.AddOrUpdate(state, 1, (_, n) => n + 1);
        Finished.Add(1, new KeyValuePair<string, object?>("state", state));
    }
}
