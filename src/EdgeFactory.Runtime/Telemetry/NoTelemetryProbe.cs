namespace EdgeFactory.Runtime.Telemetry;

/// <summary>The probe of a site with no robots on the robot link: no policy, no energy reading, no safety envelope.</summary>
public sealed class NoTelemetryProbe : ITelemetryProbe
{
    /// <summary>The one instance.</summary>
    public static NoTelemetryProbe Instance { get; } = new();

    /// <inheritdoc/>
    public string ModelVersion(string robotId) => TelemetryAggregator.NoModel;

    /// <inheritdoc/>
    public bool TryReadJoules(string robotId, out double joules)
    {
        joules = 0;
        return false;
    }

    /// <inheritdoc/>
    public void AddSafetyInterventions(string robotId, IDictionary<string, long> byModelVersion)
    {
    }
}
