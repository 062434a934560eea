using System.Security.Cryptography;
using System.Text;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>
/// Which devices each wave of a rollout covers. Devices are ordered by a hash of the rollout id and the device id, so
/// every rollout picks a different canary, the order never depends on how the group was listed, and a factory that
/// takes over a rollout computes the same waves. Waves are cumulative: wave <c>n</c> covers wave <c>n - 1</c>'s devices.
/// </summary>
public static class WavePlan
{
    /// <summary>The devices of <paramref name="group"/> that wave <paramref name="wave"/> (from 0) covers, in plan order.</summary>
    public static IReadOnlyList<string> DevicesOf(string rolloutId, IReadOnlyList<WaveSize> waves, int wave, IEnumerable<string> group)
    {
        ArgumentNullException.ThrowIfNull(waves);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegative(wave);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(wave, waves.Count);
        var ordered = group.Distinct(StringComparer.Ordinal).OrderBy(d => Rank(rolloutId, d), StringComparer.Ordinal).ThenBy(d => d, StringComparer.Ordinal).ToList();
        var count = 0;
        for (var i = 0; i <= wave; i++)
        {
            count = Math.Max(count, waves[i].CountOf(ordered.Count));
        }

        return ordered.Count == 0 ? [] : ordered[..Math.Min(count, ordered.Count)];
    }

    private static string Rank(string rolloutId, string device) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rolloutId + "\n" + device)));
}
