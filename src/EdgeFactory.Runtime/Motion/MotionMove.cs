namespace EdgeFactory.Runtime.Motion;

/// <summary>
/// One move of a motion skill: reach a pose with a controller's policy (and grasp), run a belt, or set an output.
/// See docs/robots.md, "Motion".
/// </summary>
/// <param name="Controller">The controller it moves.</param>
public sealed record MotionMove(string Controller)
{
    /// <summary>Target joint positions to reach; null when the skill does not reach a pose.</summary>
    public IReadOnlyList<double>? Pose { get; init; }

    /// <summary>A task parameter naming a bin; joint 0 of <see cref="Pose"/> turns by <see cref="BinPitch"/> per bin after the first.</summary>
    public string? BinParameter { get; init; }

    /// <summary>How far joint 0 turns between neighbouring bins.</summary>
    public double BinPitch { get; init; } = 0.05;

    /// <summary>
    /// The distance, in metres, from the robot's base to where its camera looks: with it, joint 0 also turns toward where
    /// <c>vision.locate</c> saw the part (its <c>x</c>, metres right of the image centre), by atan(x / distance). Null: the
    /// pose ignores what was located.
    /// </summary>
    public double? LocateDistance { get; init; }

    /// <summary>The motion must end holding a part (the controller's input 0); otherwise the attempt fails.</summary>
    public bool Grasp { get; init; }

    /// <summary>Belt speed to set, m/s; null when the skill does not run a belt.</summary>
    public double? Speed { get; init; }

    /// <summary>A task parameter that scales <see cref="Speed"/> (e.g. the conveyor task's <c>speed</c>).</summary>
    public string? SpeedParameter { get; init; }

    /// <summary>Belt travel, metres, after which the move is done (times <see cref="CountParameter"/> when given); null when the move does not measure travel.</summary>
    public double? Distance { get; init; }

    /// <summary>A task parameter that multiplies <see cref="Distance"/> (e.g. the index task's <c>pitches</c>).</summary>
    public string? CountParameter { get; init; }

    /// <summary>A digital input (0 … 31) the move waits for, e.g. the outfeed photo-eye; null when it waits for none.</summary>
    public int? UntilInput { get; init; }

    /// <summary>A digital output to set, 0 … 31; null when none.</summary>
    public int? Output { get; init; }

    /// <summary>The value <see cref="Output"/> is set to.</summary>
    public bool OutputValue { get; init; }
}
