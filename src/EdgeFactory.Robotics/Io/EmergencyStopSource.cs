namespace EdgeFactory.Robotics.Io;

/// <summary>What tripped the e-stop.</summary>
public enum EmergencyStopSource
{
    /// <summary>The input line went active.</summary>
    Input = 1,

    /// <summary>Software asked for it (an operator command, a supervisor).</summary>
    Software = 2,
}
