using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>
/// Gate samples from the telemetry the factory stored: the windows of the given devices that lie within the span,
/// per robot, for the robots that ran the version (a robot window names its policy as <c>model@version</c>). A window
/// counts its whole length as the robot's hours, so tasks per hour is completed tasks over the hours observed.
/// </summary>
public sealed class TelemetrySamples(ITelemetryStore store) : IRolloutSamples
{
    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, RolloutSample>> SampleAsync(string site, IReadOnlyList<string> devices, string model, string version,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var wanted = $"{model}@{version}";
        var samples = new Dictionary<string, RolloutSample>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            foreach (var record in await store.ListWindowsEndingAsync(site, device, from, to, cancellationToken).ConfigureAwait(false))
            {
                if (record.WindowStart < from
                    || JsonSerializer.Deserialize(record.Payload.Span, ContractsJsonContext.Default.TelemetryWindowMessage) is not { } window)
                {
                    continue;
                }

                var hours = (window.WindowEnd - window.WindowStart).TotalHours;
                foreach (var robot in window.Robots)
                {
                    if (robot.ModelVersion != wanted)
                    {
                        continue;
                    }

                    var key = $"{device}/{robot.RobotId}";
                    var sample = new RolloutSample(robot.TasksCompleted, robot.TasksFailed, hours, robot.SafetyClamps, robot.AcceptLatencyMs?.P99 ?? 0);
                    samples[key] = samples.TryGetValue(key, out var sum) ? sum.Add(sample) : sample;
                }
            }
        }

        return samples;
    }
}
