using EdgeFactory.Runtime.Telemetry;

namespace EdgeFactory.Runtime.Tests.Telemetry;

/// <summary>Robots whose model, energy and safety counters a test sets by hand.</summary>
internal sealed class FakeProbe : ITelemetryProbe
{
    public Dictionary<string, string> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Joules { get; } = new(StringComparer.Ordinal);

    /// <summary>Clamps per robot, charged to the version it runs now.</summary>
    public Dictionary<string, long> Clamps { get; } = new(StringComparer.Ordinal);

    /// <summary>Clamps per robot and version, for a robot whose version changed.</summary>
    public Dictionary<(string Robot, string Version), long> VersionClamps { get; } = [];

    public string ModelVersion(string robotId) => Models.GetValueOrDefault(robotId, TelemetryAggregator.NoModel);

    public bool TryReadJoules(string robotId, out double joules) => Joules.TryGetValue(robotId, out joules);

    public void AddSafetyInterventions(string robotId, IDictionary<string, long> byModelVersion)
    {
        if (Clamps.TryGetValue(robotId, out var clamps))
        {
            byModelVersion[ModelVersion(robotId)] = clamps;
        }

        foreach (var ((robot, version), count) in VersionClamps)
        {
            if (robot == robotId)
            {
                byModelVersion[version] = count;
            }
        }
    }
}
