namespace EdgeFactory.Robotics.Link;

/// <summary>Message types of the robot link protocol (PROTOCOL.md, "Messages").</summary>
public enum LinkMessageType : byte
{
    /// <summary>Edge → controller: client name and control period; answered by <see cref="Capabilities"/>.</summary>
    Hello = 0x01,

    /// <summary>Controller → edge: kind, joints, I/O counts, watchdog and joint limits.</summary>
    Capabilities = 0x02,

    /// <summary>Edge → controller: one setpoint per joint.</summary>
    JointCommand = 0x10,

    /// <summary>Controller → edge: positions, velocities, efforts, mode, inputs, power.</summary>
    JointState = 0x11,

    /// <summary>Edge → controller: set digital outputs.</summary>
    IoSet = 0x20,

    /// <summary>Controller → edge: a fault code, severity and detail.</summary>
    Fault = 0x30,

    /// <summary>Edge → controller: release the watchdog brake and clear faults.</summary>
    FaultReset = 0x31,

    /// <summary>Both ways: nothing to say, still alive.</summary>
    Heartbeat = 0x40,

    /// <summary>Edge → controller: assert or release the emergency stop.</summary>
    Estop = 0x50,
}
