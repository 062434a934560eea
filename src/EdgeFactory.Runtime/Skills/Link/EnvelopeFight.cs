using System.Globalization;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// Watches one move for a policy that fights the safety envelope: when the envelope clamped or held a quarter or more
/// of its commands for a whole second, the move fails at once with the figures, rather than run on, clamped, until its step
/// times out. The arm is safe either way (the envelope decides what reaches it); failing early hands the task back
/// to the MES in a second instead of many, and says why.
/// </summary>
internal sealed class EnvelopeFight(TimeProvider time, long commands, long interventions)
{
    /// <summary>How long the envelope must have intervened on nearly every command.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // A policy that works is clamped a handful of times per task (a chunk joined at speed: under 1 % of its commands),
    // never on a quarter of them for a second on end.
    private const double Share = 0.25;
    private const long MinimumCommands = 50;

    private long _since = time.GetTimestamp();
    private long _commands = commands;
    private long _interventions = interventions;

    /// <summary>Why the move must stop, or null; call it with the loop's command count and the envelope's interventions so far.</summary>
    public string? Check(long commands, long interventions)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_since, now);
        if (elapsed < Window)
        {
            return null;
        }

        var (sent, changed) = (commands - _commands, interventions - _interventions);
        (_since, _commands, _interventions) = (now, commands, interventions);
        return sent >= MinimumCommands && changed >= Share * sent
            ? string.Create(CultureInfo.InvariantCulture, $"the policy fought the safety envelope: {changed} of its {sent} commands in the last {elapsed.TotalSeconds:0.0} s were clamped or held")
            : null;
    }
}
