using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Dashboard;

/// <summary>Tasks per hour by model version, over time and in total, from the telemetry windows the factory stored.</summary>
/// <param name="From">Start of the span.</param>
/// <param name="To">End of the span.</param>
/// <param name="Points">Per bucket and version, oldest first.</param>
/// <param name="Versions">Totals per version over the span.</param>
/// <param name="Backlog">Windows each device had stored and not yet sent, from its latest window (<c>site/device</c> → count).</param>
public sealed record FleetThroughput(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ThroughputPoint> Points, IReadOnlyList<VersionFigures> Versions, IReadOnlyDictionary<string, long> Backlog)
{
    /// <summary>
    /// Reads every device's windows that ended within <paramref name="span"/> before <paramref name="now"/> and sums
    /// them per version, in <paramref name="buckets"/> equal buckets. A robot window counts its length as robot-hours,
    /// so tasks per hour here is per robot, comparable across versions that ran on different numbers of robots.
    /// </summary>
    public static async Task<FleetThroughput> ReadAsync(ITelemetryStore store, DateTimeOffset now, TimeSpan span, int buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var from = now - span;
        var width = span / buckets;
        var perBucket = new Dictionary<(int Bucket, string Version), (long Completed, double Hours)>();
        var totals = new Dictionary<string, VersionFigures>(StringComparer.Ordinal);
        var backlog = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var device in await store.ListDevicesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in await store.ListWindowsEndingAsync(device.Site, device.Device, from, now, cancellationToken).ConfigureAwait(false))
            {
                if (JsonSerializer.Deserialize(record.Payload.Span, ContractsJsonContext.Default.TelemetryWindowMessage) is not { } window)
                {
                    continue;
                }

                backlog[$"{device.Site}/{device.Device}"] = window.Backlog;
                var hours = (window.WindowEnd - window.WindowStart).TotalHours;
                var bucket = Math.Min(buckets - 1, (int)((window.WindowEnd - from) / width));
                foreach (var robot in window.Robots)
                {
                    var key = (bucket, robot.ModelVersion);
                    var (completed, robotHours) = perBucket.GetValueOrDefault(key);
                    perBucket[key] = (completed + robot.TasksCompleted, robotHours + hours);
                    var sum = totals.GetValueOrDefault(robot.ModelVersion) ?? new VersionFigures(robot.ModelVersion, 0, 0, 0, 0, 0, null, 0);
                    totals[robot.ModelVersion] = sum with
                    {
                        Completed = sum.Completed + robot.TasksCompleted,
                        Failed = sum.Failed + robot.TasksFailed,
                        RobotHours = sum.RobotHours + hours,
                        EnergyWh = sum.EnergyWh + (robot.EnergyWh ?? 0),
                        SafetyClamps = sum.SafetyClamps + robot.SafetyClamps,
                    };
                }
            }
        }

        var points = perBucket
            .Where(p => p.Value.Hours > 0)
            .OrderBy(p => p.Key.Bucket).ThenBy(p => p.Key.Version, StringComparer.Ordinal)
            .Select(p => new ThroughputPoint(from + (width * (p.Key.Bucket + 1)), p.Key.Version, p.Value.Completed / p.Value.Hours))
            .ToList();
        var versions = totals.Values
            .OrderBy(v => v.ModelVersion, StringComparer.Ordinal)
            .Select(v => v with
            {
                TasksPerHour = v.RobotHours > 0 ? v.Completed / v.RobotHours : 0,
                TasksPerKwh = v.EnergyWh > 0 ? v.Completed / (v.EnergyWh / 1000) : null,
            })
            .ToList();
        return new FleetThroughput(from, now, points, versions, backlog);
    }
}
