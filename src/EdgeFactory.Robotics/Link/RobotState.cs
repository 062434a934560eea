namespace EdgeFactory.Robotics.Link;

/// <summary>The latest accepted <c>JOINT_STATE</c> and <c>FAULT</c>, in buffers allocated once; written and read on the thread that polls the link.</summary>
public sealed class RobotState
{
    private readonly float[] _positions = new float[CapabilitiesMessage.MaxJoints];
    private readonly float[] _velocities = new float[CapabilitiesMessage.MaxJoints];
    private readonly float[] _efforts = new float[CapabilitiesMessage.MaxJoints];
    private readonly byte[] _faultDetail = new byte[FaultMessage.DetailSize];

    /// <summary>Joint count of the last state (0 before any).</summary>
    public int Joints { get; private set; }

    /// <summary>Positions of the last state.</summary>
    public ReadOnlySpan<float> Positions => _positions.AsSpan(0, Joints);

    /// <summary>Velocities of the last state.</summary>
    public ReadOnlySpan<float> Velocities => _velocities.AsSpan(0, Joints);

    /// <summary>Efforts of the last state.</summary>
    public ReadOnlySpan<float> Efforts => _efforts.AsSpan(0, Joints);

    /// <summary>The controller's mode.</summary>
    public ControllerMode Mode { get; private set; }

    /// <summary>Whether the controller's datagram carried the e-stop flag.</summary>
    public bool ControllerEmergencyStop { get; private set; }

    /// <summary><c>seq</c> of the last command the controller applied.</summary>
    public uint AckSequence { get; private set; }

    /// <summary>Digital inputs.</summary>
    public uint Inputs { get; private set; }

    /// <summary>The plant's counter (grasps, items).</summary>
    public uint Counter { get; private set; }

    /// <summary>Power the controller reported, watts.</summary>
    public float PowerWatts { get; private set; }

    /// <summary>The controller's clock, milliseconds.</summary>
    public uint ControllerTimeMilliseconds { get; private set; }

    /// <summary>When the state was received, in <see cref="TimeProvider.GetTimestamp"/> ticks (0 before any).</summary>
    public long ReceivedAt { get; private set; }

    /// <summary>States applied since the link was made.</summary>
    public long Updates { get; private set; }

    /// <summary>Code of the last fault the controller sent.</summary>
    public FaultCode FaultCode { get; private set; }

    /// <summary>Severity of the last fault.</summary>
    public FaultSeverity FaultSeverity { get; private set; }

    /// <summary>Faults received since the link was made.</summary>
    public long Faults { get; private set; }

    /// <summary>When the last fault was received, in timestamp ticks.</summary>
    public long FaultAt { get; private set; }

    /// <summary>The last fault's detail text (allocates; not for the control loop).</summary>
    public string FaultDetail() => LinkText.Read(_faultDetail);

    internal void Apply(in JointStateMessage message, bool emergencyStop, long timestamp)
    {
        var joints = message.Joints;
        for (var i = 0; i < joints; i++)
        {
            var sample = message.Sample(i);
            _positions[i] = sample.Position;
            _velocities[i] = sample.Velocity;
            _efforts[i] = sample.Effort;
        }

        Joints = joints;
        Mode = message.Mode;
        ControllerEmergencyStop = emergencyStop;
        AckSequence = message.AckSequence;
        Inputs = message.Inputs;
        Counter = message.Counter;
        PowerWatts = message.PowerWatts;
        ControllerTimeMilliseconds = message.TimeMilliseconds;
        ReceivedAt = timestamp;
        Updates++;
    }

    internal void ApplyFault(ReadOnlySpan<byte> payload, FaultCode code, FaultSeverity severity, long timestamp)
    {
        FaultCode = code;
        FaultSeverity = severity;
        payload.Slice(4, FaultMessage.DetailSize).CopyTo(_faultDetail);
        FaultAt = timestamp;
        Faults++;
    }
}
