namespace EdgeFactory.Runtime.Skills;

/// <summary>How a simulated robot behaves: from a robot's <c>simulation:</c> block in the site file.</summary>
public sealed record SimulationOptions
{
    /// <summary>Mean time one skill attempt takes; zero finishes at once.</summary>
    public TimeSpan StepTime { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Relative spread of <see cref="StepTime"/>, 0–1.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Chance that one skill attempt fails, 0–1.</summary>
    public double FailureRate { get; init; }

    /// <summary>Chance that an inspection finds a defect, 0–1.</summary>
    public double DefectRate { get; init; }

    /// <summary>Chance that the robot's agent crashes while handling a message, 0–1; for supervision drills.</summary>
    public double CrashRate { get; init; }
}
