using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace EdgeFactory.Robotics.Safety;

/// <summary>Every envelope outcome of one robot, by verdict and reason; exported as a counter tagged robot, model version, verdict and reason.</summary>
public sealed class SafetyStatistics
{
    private static readonly Counter<long> Outcomes = RoboticsMetrics.Meter.CreateCounter<long>("edgefactory.robot.safety.outcomes", description: "Commands through the safety envelope, by verdict (passed, clamped, held) and reason");
    private static readonly string[] VerdictNames = ["passed", "clamped", "held"];

    private readonly long[] _counts = new long[3 * SafetyReasons.Count];
    private readonly ConcurrentDictionary<string, StrongBox<long>> _interventionsByVersion = new(StringComparer.Ordinal);
    private readonly string _robot;

    // The loop thread's last version and its counter: versions change at a swap, so the lookup is rare.
    private string? _lastVersion;
    private StrongBox<long>? _lastBox;

    /// <summary>Creates the statistics of <paramref name="robot"/>.</summary>
    public SafetyStatistics(string robot) => _robot = robot;

    /// <summary>Commands passed unchanged.</summary>
    public long Passed => Count(SafetyVerdict.Passed, SafetyReason.None);

    /// <summary>Commands clamped, any reason.</summary>
    public long Clamped => Sum(SafetyVerdict.Clamped);

    /// <summary>Commands held, any reason.</summary>
    public long Held => Sum(SafetyVerdict.Held);

    /// <summary>
    /// Commands the envelope changed because of what was commanded: every clamp, and holds on a NaN, a step too far or a
    /// keep-out box. Holds on a stale state or a latched e-stop are left out: they say how the link or the cell was
    /// doing, not what the policy asked for.
    /// </summary>
    public long Interventions => Clamped + Count(SafetyVerdict.Held, SafetyReason.Nan) + Count(SafetyVerdict.Held, SafetyReason.StepLimit)
        + Count(SafetyVerdict.Held, SafetyReason.KeepOut);

    // The outcomes Interventions counts, one at a time.
    private static bool IsIntervention(SafetyOutcome outcome) =>
        outcome.Verdict == SafetyVerdict.Clamped
        || (outcome.Verdict == SafetyVerdict.Held && outcome.Reason is SafetyReason.Nan or SafetyReason.StepLimit or SafetyReason.KeepOut);

    /// <summary>
    /// Adds the <see cref="Interventions"/> under each model version the commands carried to <paramref name="byVersion"/>
    /// (cumulative since start), so a window in which a version was swapped charges each version what it did.
    /// </summary>
    public void AddInterventionsByVersion(IDictionary<string, long> byVersion)
    {
        ArgumentNullException.ThrowIfNull(byVersion);
        foreach (var (version, box) in _interventionsByVersion)
        {
            byVersion[version] = byVersion.TryGetValue(version, out var sum) ? sum + Interlocked.Read(ref box.Value) : Interlocked.Read(ref box.Value);
        }
    }

    /// <summary>
    /// Writes the <see cref="Interventions"/> by reason into <paramref name="byReason"/> (indexed by
    /// <see cref="SafetyReason"/>, <see cref="SafetyReasons.Count"/> long): what a line engineer needs to see why a
    /// policy was clamped or held. Allocates nothing.
    /// </summary>
    public void CopyInterventions(Span<long> byReason)
    {
        if (byReason.Length != SafetyReasons.Count)
        {
            throw new ArgumentException($"{byReason.Length} slots for {SafetyReasons.Count} reasons.", nameof(byReason));
        }

        for (var reason = 0; reason < SafetyReasons.Count; reason++)
        {
            var held = IsIntervention(new SafetyOutcome(SafetyVerdict.Held, (SafetyReason)reason)) ? Count(SafetyVerdict.Held, (SafetyReason)reason) : 0;
            byReason[reason] = Count(SafetyVerdict.Clamped, (SafetyReason)reason) + held;
        }
    }

    /// <summary>Outcomes with this verdict and reason.</summary>
    public long Count(SafetyVerdict verdict, SafetyReason reason) => Volatile.Read(ref _counts[((int)verdict * SafetyReasons.Count) + (int)reason]);

    /// <summary>Outcomes for this reason, clamped or held.</summary>
    public long Count(SafetyReason reason) => Count(SafetyVerdict.Clamped, reason) + Count(SafetyVerdict.Held, reason);

    /// <summary>The outcomes in words, e.g. <c>passed 9120; clamped 4 (acceleration_limit 4); held 2 (stale_state 2)</c>.</summary>
    public string Summary()
    {
        var text = new System.Text.StringBuilder().Append(CultureInfo.InvariantCulture, $"passed {Passed}");
        foreach (var verdict in new[] { SafetyVerdict.Clamped, SafetyVerdict.Held })
        {
            var total = Sum(verdict);
            text.Append(CultureInfo.InvariantCulture, $"; {VerdictNames[(int)verdict]} {total}");
            if (total == 0)
            {
                continue;
            }

            var reasons = Enumerable.Range(0, SafetyReasons.Count).Select(r => (SafetyReason)r).Where(r => Count(verdict, r) > 0)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{SafetyReasons.Code(r)} {Count(verdict, r)}"));
            text.Append(" (").AppendJoin(", ", reasons).Append(')');
        }

        return text.ToString();
    }

    internal void Record(SafetyOutcome outcome, string modelVersion)
    {
        Interlocked.Increment(ref _counts[((int)outcome.Verdict * SafetyReasons.Count) + (int)outcome.Reason]);
        // The version's counter is taken at its first command, not its first intervention, so that a clamp in steady
        // state allocates nothing.
        var box = ReferenceEquals(modelVersion, _lastVersion) ? _lastBox! : VersionBox(modelVersion);
        if (IsIntervention(outcome))
        {
            Interlocked.Increment(ref box.Value);
        }
        var tags = new TagList
        {
            { "robot", _robot },
            { "model_version", modelVersion },
            { "verdict", VerdictNames[(int)outcome.Verdict] },
            { "reason", SafetyReasons.Code(outcome.Reason) },
        };
        Outcomes.Add(1, in tags);
    }

    private StrongBox<long> VersionBox(string modelVersion)
    {
        var box = _interventionsByVersion.GetOrAdd(modelVersion, static _ => new StrongBox<long>());
        (_lastVersion, _lastBox) = (modelVersion, box);
        return box;
    }

    private long Sum(SafetyVerdict verdict)
    {
        long total = 0;
        for (var reason = 0; reason < SafetyReasons.Count; reason++)
        {
            total += Count(verdict, (SafetyReason)reason);
        }

        return total;
    }
}
