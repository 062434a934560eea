namespace EdgeFactory.Runtime.Telemetry;

/// <summary>What the window aggregator reads from the robots themselves: the model each runs, its energy and its safety counters (cumulative).</summary>
public interface ITelemetryProbe
{
    /// <summary>The policy version <paramref name="robotId"/> runs now, or <c>none</c>; must not allocate.</summary>
    string ModelVersion(string robotId);

    /// <summary>Joules the robot drew since start; false when its energy is not measured.</summary>
    bool TryReadJoules(string robotId, out double joules);

    /// <summary>
    /// Adds to <paramref name="byModelVersion"/>, per model version, the commands the safety envelopes of the
    /// controllers its reported model version moves changed since start for what was commanded
    /// (<see cref="EdgeFactory.Robotics.Safety.SafetyStatistics.Interventions"/>); called once per window.
    /// </summary>
    void AddSafetyInterventions(string robotId, IDictionary<string, long> byModelVersion);
}
