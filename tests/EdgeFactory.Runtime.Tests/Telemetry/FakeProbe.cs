using EdgeFactory.Runtime.Telemetry;

namespace EdgeFactory.Runtime.Tests.Telemetry;

/// <summary>Robots whose model, energy and safety counters a test sets by hand.</summary>
internal sealed class FakeProbe : ITelemetryProbe
{
    public Dictionary<string, string> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Joules { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Clamps { get; } = new(StringComparer.Ordinal);

    public string ModelVersion(string robotId) => Models.GetValueOrDefault(robotId, TelemetryAggregator.NoModel);

    public bool TryReadJoules(string robotId, out double joules) => Joules.TryGetValue(robotId, out joules);

    public long SafetyInterventions(string robotId) => Clamps.GetValueOrDefault(robotId);
}
