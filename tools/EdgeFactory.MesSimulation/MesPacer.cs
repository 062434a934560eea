using System.Diagnostics;

namespace EdgeFactory.MesSimulation;

/// <summary>Submits generated tasks at a steady (open-loop) rate: task i goes at start + i/rate, whatever the site does.</summary>
public static class MesPacer
{
    /// <summary>Submits until <paramref name="duration"/> passed or <paramref name="count"/> tasks went; returns the seconds it took.</summary>
    public static async Task<double> RunAsync(MesSimulator mes, TaskGenerator generator, double ratePerSecond, TimeSpan? duration, int? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mes);
        ArgumentNullException.ThrowIfNull(generator);
        var start = Stopwatch.GetTimestamp();
        // Publishes are not awaited one by one, or the broker's round trip would cap the rate; a window bounds them.
        var pending = new List<Task>();
        for (var i = 0; count is null || i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / ratePerSecond);
            if (duration is { } d && due - start > d.TotalSeconds * Stopwatch.Frequency)
            {
                break;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            pending.Add(mes.SubmitAsync(generator.Next(), cancellationToken).AsTask());
            if (pending.Count >= 1000)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
