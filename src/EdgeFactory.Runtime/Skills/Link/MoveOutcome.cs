namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>How one move of a motion skill ended.</summary>
/// <param name="Succeeded">Whether it reached what it was for.</param>
/// <param name="EmergencyStopped">Whether the site's e-stop ended it.</param>
/// <param name="Error">Why it failed, for people.</param>
internal readonly record struct MoveOutcome(bool Succeeded, bool EmergencyStopped, string? Error)
{
    public static MoveOutcome Done => new(true, false, null);

    public static MoveOutcome EmergencyStop => new(false, true, "the site's emergency stop tripped");

    public static MoveOutcome Failed(string error) => new(false, false, error);
}
