namespace EdgeFactory.Robotics.Control;

/// <summary>What a chunk source is given: the robot's latest joint positions and velocities, and the target it should reach.</summary>
public sealed class ControlObservation
{
    private readonly float[] _positions;
    private readonly float[] _velocities;
    private readonly float[] _target;

    /// <summary>Allocates an observation of <paramref name="joints"/> joints.</summary>
    public ControlObservation(int joints)
    {
        Joints = joints;
        _positions = new float[joints];
        _velocities = new float[joints];
        _target = new float[joints];
    }

    /// <summary>Joint count.</summary>
    public int Joints { get; }

    /// <summary>Measured positions.</summary>
    public Span<float> Positions => _positions;

    /// <summary>Measured velocities.</summary>
    public Span<float> Velocities => _velocities;

    /// <summary>The target the task wants (joint positions).</summary>
    public Span<float> Target => _target;

    /// <summary>When the state was received, in timestamp ticks.</summary>
    public long StateAt { get; set; }
}
