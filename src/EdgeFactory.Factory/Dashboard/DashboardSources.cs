using EdgeFactory.Factory.Fleet;
using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Dashboard;

/// <summary>Where the dashboard's figures come from: the fleet view, the registry's store, the rollouts and the stored telemetry.</summary>
/// <param name="Fleet">Presence and reported state of every edge.</param>
/// <param name="Registry">Decisions and revocations.</param>
/// <param name="Rollouts">Rollouts with their gates.</param>
/// <param name="Telemetry">Telemetry windows.</param>
/// <param name="Time">The factory's clock.</param>
public sealed record DashboardSources(FleetView Fleet, IRegistryStore Registry, IRolloutLedger Rollouts, ITelemetryStore Telemetry, TimeProvider Time)
{
    /// <summary>Tasks per hour by version over the last <paramref name="span"/>.</summary>
    public Task<FleetThroughput> ThroughputAsync(TimeSpan span, CancellationToken cancellationToken) =>
        FleetThroughput.ReadAsync(Telemetry, Time.GetUtcNow(), span, DashboardPage.Buckets, cancellationToken);
}
