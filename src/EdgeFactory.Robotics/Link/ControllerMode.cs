namespace EdgeFactory.Robotics.Link;

/// <summary>The controller's mode as <c>JOINT_STATE</c> reports it.</summary>
public enum ControllerMode : byte
{
    /// <summary>Connected, not yet commanded.</summary>
    Idle = 0,

    /// <summary>Following commands.</summary>
    Active = 1,

    /// <summary>Braked by its watchdog until <c>FAULT_RESET</c>.</summary>
    Braked = 2,

    /// <summary>Stopped by an e-stop until released and reset.</summary>
    EmergencyStop = 3,

    /// <summary>Stopped by a fault.</summary>
    Fault = 4,
}
