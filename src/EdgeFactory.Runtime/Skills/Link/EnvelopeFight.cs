using System.Globalization;
using System.Text;
using EdgeFactory.Robotics.Safety;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// Watches one move for a policy that fights the safety envelope: when the envelope clamped or held a quarter or more
/// of its commands for a whole second, the move fails at once with the figures, rather than run on, clamped, until its step
/// times out. The arm is safe either way (the envelope decides what reaches it); failing early hands the task back
/// to the MES in a second instead of many, and says why: the reasons, most frequent first.
/// </summary>
internal sealed class EnvelopeFight
{
    /// <summary>How long the envelope must have intervened on nearly every command.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // A policy that works is clamped a handful of times per task (a chunk joined at speed: under 1 % of its commands),
    // never on a quarter of them for a second on end.
    private const double Share = 0.25;
    private const long MinimumCommands = 50;

    private readonly TimeProvider _time;
    private readonly long[] _interventions = new long[SafetyReasons.Count];
    private long _since;
    private long _commands;

    /// <summary>Starts watching from the loop's command count and the envelope's interventions by reason so far (<see cref="SafetyStatistics.CopyInterventions"/>).</summary>
    public EnvelopeFight(TimeProvider time, long commands, ReadOnlySpan<long> interventions)
    {
        _time = time;
        _since = time.GetTimestamp();
        _commands = commands;
        Take(interventions, _interventions);
    }

    /// <summary>Why the move must stop, or null; call it with the loop's command count and the envelope's interventions by reason so far.</summary>
    public string? Check(long commands, ReadOnlySpan<long> interventions)
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_since, now);
        if (elapsed < Window)
        {
            return null;
        }

        Span<long> changed = stackalloc long[SafetyReasons.Count];
        long total = 0;
        for (var reason = 0; reason < SafetyReasons.Count; reason++)
        {
            changed[reason] = interventions[reason] - _interventions[reason];
            total += changed[reason];
        }

        var sent = commands - _commands;
        (_since, _commands) = (now, commands);
        Take(interventions, _interventions);
        return sent >= MinimumCommands && total >= Share * sent ? Describe(total, sent, elapsed, changed) : null;
    }

    private static void Take(ReadOnlySpan<long> interventions, Span<long> into)
    {
        if (interventions.Length != SafetyReasons.Count)
        {
            throw new ArgumentException($"{interventions.Length} intervention counts for {SafetyReasons.Count} reasons.", nameof(interventions));
        }

        interventions.CopyTo(into);
    }

    // E.g. "... were clamped or held (step_limit 236, acceleration_limit 4)": the reasons, most frequent first.
    private static string Describe(long total, long sent, TimeSpan elapsed, ReadOnlySpan<long> changed)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"the policy fought the safety envelope: {total} of its {sent} commands in the last {elapsed.TotalSeconds:0.0} s were clamped or held (");
        var reasons = Enumerable.Range(0, SafetyReasons.Count).Where(r => r != (int)SafetyReason.None).ToArray();
        var counts = changed.ToArray();
        var listed = reasons.Where(r => counts[r] > 0).OrderByDescending(r => counts[r]).ThenBy(r => r)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{SafetyReasons.Code((SafetyReason)r)} {counts[r]}"));
        return text.AppendJoin(", ", listed).Append(')').ToString();
    }
}
