using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Safety;

/// <summary>The limits a robot's safety envelope enforces; validated when the envelope is made.</summary>
public sealed record SafetyOptions
{
    /// <summary>Robot id in counters.</summary>
    public required string Robot { get; init; }

    /// <summary>Limits per joint (1 … 16).</summary>
    public required IReadOnlyList<JointLimit> Joints { get; init; }

    /// <summary>The control loop's period: what velocities and accelerations are measured over.</summary>
    public required TimeSpan ControlPeriod { get; init; }

    /// <summary>Control periods without a fresh state after which every command is held.</summary>
    public int StaleStatePeriods { get; init; } = 5;

    /// <summary>Boxes the tool point must stay out of; needs <see cref="Kinematics"/>.</summary>
    public IReadOnlyList<KeepOutBox> KeepOut { get; init; } = [];

    /// <summary>How joint positions give the tool point; null for devices without a workspace (grippers, conveyors).</summary>
    public KinematicChain? Kinematics { get; init; }

    /// <summary>Options from a controller's announced limits: the envelope's ranges are those, with the given acceleration and step limits; arms of 6 joints get the UR5-like chain.</summary>
    public static SafetyOptions FromCapabilities(string robot, RobotCapabilities capabilities, TimeSpan controlPeriod, float accelerationMax, float maxStep, IReadOnlyList<KeepOutBox>? keepOut = null)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var joints = new JointLimit[capabilities.Joints.Count];
        for (var i = 0; i < joints.Length; i++)
        {
            var range = capabilities.Joints[i];
            joints[i] = new JointLimit(range.PositionMin, range.PositionMax, range.VelocityMax, accelerationMax, maxStep);
        }

        var arm = capabilities.Kind == RobotKind.Arm && joints.Length == KinematicChain.Ur5.Joints;
        return new SafetyOptions
        {
            Robot = robot,
            Joints = joints,
            ControlPeriod = controlPeriod,
            Kinematics = arm ? KinematicChain.Ur5 : null,
            KeepOut = arm ? keepOut ?? [] : [],
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Robot))
        {
            throw new ArgumentException("A safety envelope needs the robot's id.", nameof(Robot));
        }

        if (Joints is null || Joints.Count is < 1 or > CapabilitiesMessage.MaxJoints)
        {
            throw new ArgumentException($"Robot {Robot}: give limits for 1 to {CapabilitiesMessage.MaxJoints} joints.", nameof(Joints));
        }

        for (var i = 0; i < Joints.Count; i++)
        {
            var limit = Joints[i];
            if (!float.IsFinite(limit.PositionMin) || !float.IsFinite(limit.PositionMax) || limit.PositionMin >= limit.PositionMax)
            {
                throw new ArgumentException($"Robot {Robot}: joint {i} needs a finite position range with min < max.", nameof(Joints));
            }

            if (!(limit.VelocityMax > 0 && float.IsFinite(limit.VelocityMax)) || !(limit.AccelerationMax > 0 && float.IsFinite(limit.AccelerationMax))
                || !(limit.MaxStep > 0 && float.IsFinite(limit.MaxStep)))
            {
                throw new ArgumentException($"Robot {Robot}: joint {i} needs positive, finite VelocityMax, AccelerationMax and MaxStep.", nameof(Joints));
            }
        }

        if (ControlPeriod <= TimeSpan.Zero || ControlPeriod > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"Robot {Robot}: ControlPeriod must be between 0 and 1 s.", nameof(ControlPeriod));
        }

        if (StaleStatePeriods < 1)
        {
            throw new ArgumentException($"Robot {Robot}: StaleStatePeriods must be ≥ 1.", nameof(StaleStatePeriods));
        }

        if (Kinematics is not null && Kinematics.Joints != Joints.Count)
        {
            throw new ArgumentException($"Robot {Robot}: the kinematic chain has {Kinematics.Joints} joints, the limits {Joints.Count}.", nameof(Kinematics));
        }

        foreach (var box in KeepOut ?? [])
        {
            if (Kinematics is null)
            {
                throw new ArgumentException($"Robot {Robot}: keep-out box {box.Name} needs a kinematic chain to check the tool point against.", nameof(KeepOut));
            }

            if (!(box.Min.X < box.Max.X && box.Min.Y < box.Max.Y && box.Min.Z < box.Max.Z))
            {
                throw new ArgumentException($"Robot {Robot}: keep-out box {box.Name} needs Min < Max on every axis.", nameof(KeepOut));
            }
        }
    }
}
