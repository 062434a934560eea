namespace EdgeFactory.Robotics.Control;

/// <summary>
/// H future setpoints of J joints, one every <see cref="StepPeriod"/>, in a buffer allocated once. The loop reads it by
/// time, interpolating linearly between steps.
/// </summary>
public sealed class ActionChunk
{
    private readonly float[] _setpoints;

    /// <summary>Allocates room for <paramref name="horizon"/> steps of <paramref name="joints"/> joints.</summary>
    public ActionChunk(int horizon, int joints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(joints, 1);
        Horizon = horizon;
        Joints = joints;
        _setpoints = new float[horizon * joints];
        Steps = 0;
    }

    /// <summary>Most steps the chunk holds.</summary>
    public int Horizon { get; }

    /// <summary>Joints per step.</summary>
    public int Joints { get; }

    /// <summary>Steps filled (1 … <see cref="Horizon"/>).</summary>
    public int Steps { get; set; }

    /// <summary>Time between steps.</summary>
    public TimeSpan StepPeriod { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The model version that produced the chunk (a counter tag of every safety outcome).</summary>
    public string ModelVersion { get; set; } = "none";

    /// <summary>
    /// When the observation the chunk was planned from was received (timestamp ticks of the loop's clock): step 0 is the
    /// setpoint for that instant, so the loop samples the chunk from then on, however late it arrives. 0 when unknown
    /// (the loop then starts the chunk when it takes it).
    /// </summary>
    public long ObservedAt { get; set; }

    /// <summary>How long the chunk lasts: from its first step to its last.</summary>
    public TimeSpan Duration => StepPeriod * (Steps - 1);

    internal bool Fresh { get; set; }

    /// <summary>Step <paramref name="step"/>'s setpoints, to write or read.</summary>
    public Span<float> Step(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Horizon);
        return _setpoints.AsSpan(step * Joints, Joints);
    }

    /// <summary>Writes the setpoints <paramref name="elapsed"/> into the chunk (linear between steps); false once past the last step (then the last step is written).</summary>
    public bool Sample(TimeSpan elapsed, Span<float> setpoints)
    {
        if (Steps < 1)
        {
            return false;
        }

        var position = Math.Max(0, elapsed.Ticks / (double)StepPeriod.Ticks);
        var index = (int)Math.Min(position, Steps - 1);
        if (index >= Steps - 1)
        {
            _setpoints.AsSpan((Steps - 1) * Joints, Joints).CopyTo(setpoints);
            return position <= Steps - 1;
        }

        var fraction = (float)(position - index);
        var from = _setpoints.AsSpan(index * Joints, Joints);
        var to = _setpoints.AsSpan((index + 1) * Joints, Joints);
        for (var j = 0; j < Joints; j++)
        {
            setpoints[j] = from[j] + ((to[j] - from[j]) * fraction);
        }

        return true;
    }

    /// <summary>The step index <paramref name="elapsed"/> falls in.</summary>
    internal long StepAt(TimeSpan elapsed) => elapsed.Ticks / StepPeriod.Ticks;
}
