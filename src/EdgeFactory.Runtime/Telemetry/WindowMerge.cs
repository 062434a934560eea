using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>
/// Merges consecutive windows into one summary message: counts, clamps, energy and e-stops add up; tasks per hour is
/// completed tasks over the sum of the windows' own spans (each window's completed ÷ its tasks per hour), so it keeps
/// the one definition; p50 becomes the count-weighted mean of the medians, p95/p99/max the largest (upper bounds).
/// </summary>
internal static class WindowMerge
{
    /// <summary>One message standing for <paramref name="windows"/> (in sequence order, at least two).</summary>
    public static TelemetryWindowMessage Merge(IReadOnlyList<TelemetryWindowMessage> windows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windows.Count, 2);
        var first = windows[0];
        var last = windows[^1];
        var robots = windows
            .SelectMany(w => w.Robots)
            .GroupBy(r => (r.RobotId, r.ModelVersion))
            .OrderBy(g => g.Key.RobotId, StringComparer.Ordinal).ThenBy(g => g.Key.ModelVersion, StringComparer.Ordinal)
            .Select(Robot)
            .ToList();
        var count = windows.Sum(w => w.Summary?.Windows ?? 1);
        return new TelemetryWindowMessage(
            last.DeviceId,
            last.SiteId,
            last.Sequence,
            first.WindowStart,
            last.WindowEnd,
            robots,
            windows.Sum(w => w.EmergencyStops),
            last.Backlog,
            new WindowSummary(first.Summary?.FirstSequence ?? first.Sequence, count));
    }

    private static RobotWindow Robot(IGrouping<(string RobotId, string ModelVersion), RobotWindow> group)
    {
        var completed = group.Sum(r => r.TasksCompleted);
        var hours = group.Where(r => r.TasksPerHour > 0).Sum(r => r.TasksCompleted / r.TasksPerHour);
        var energies = group.Where(r => r.EnergyWh is not null).Select(r => r.EnergyWh!.Value).ToList();
        double? energy = energies.Count == 0 ? null : Math.Round(energies.Sum(), 6);
        return new RobotWindow(
            group.Key.RobotId,
            group.Key.ModelVersion,
            completed,
            group.Sum(r => r.TasksFailed),
            hours > 0 ? Math.Round(completed / hours, 3) : 0,
            group.Sum(r => r.SafetyClamps),
            Latency(group.Select(r => r.CycleTimeMs)),
            Latency(group.Select(r => r.AcceptLatencyMs)),
            energy,
            energy is > 0 ? Math.Round(completed / (energy.Value / 1000.0), 3) : null);
    }

    private static LatencySummary? Latency(IEnumerable<LatencySummary?> summaries)
    {
        var present = summaries.OfType<LatencySummary>().Where(s => s.Count > 0).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var count = present.Sum(s => s.Count);
        return new LatencySummary(
            count,
            Math.Round(present.Sum(s => s.P50 * s.Count) / count, 3),
            present.Max(s => s.P95),
            present.Max(s => s.P99),
            present.Max(s => s.Max));
    }
}
