namespace EdgeFactory.Runtime.Motion;

/// <summary>What a robot controller on the link drives; it must announce the same in its capabilities.</summary>
public enum ControllerDevice
{
    /// <summary>A jointed arm, driven by a policy through the safety envelope.</summary>
    Arm,

    /// <summary>A gripper or hand: one joint, the finger width.</summary>
    Gripper,

    /// <summary>A conveyor: one joint, the belt, driven by speed; photo-eyes as inputs.</summary>
    Conveyor,
}
