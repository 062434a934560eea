using System.Globalization;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>How far a wave reaches into its group: a number of devices (<c>1</c>) or a share of them (<c>25%</c>), counted cumulatively.</summary>
/// <param name="Devices">A device count, when the size is a count.</param>
/// <param name="Percent">A share of the group in percent, when the size is a share.</param>
public sealed record WaveSize(int? Devices, double? Percent)
{
    /// <summary>Parses <c>--waves 1,25%,100%</c>; throws <see cref="FormatException"/> with a message naming the bad wave.</summary>
    public static IReadOnlyList<WaveSize> ParseList(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("A rollout needs its waves, e.g. 1,25%,100%.");
        }

        var waves = text.Split(',', StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (waves[^1].Percent is not 100)
        {
            throw new FormatException($"The last wave of '{text}' must be 100% so that the whole group ends on the new version.");
        }

        return waves;
    }

    /// <summary>Parses one wave: <c>3</c> or <c>25%</c>.</summary>
    public static WaveSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100)
        {
            return new WaveSize(null, percent);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var devices) && devices > 0)
        {
            return new WaveSize(devices, null);
        }

        throw new FormatException($"'{text}' is not a wave: give a device count (e.g. 1) or a share of the group (e.g. 25%).");
    }

    /// <summary>How many of <paramref name="groupSize"/> devices this wave covers (at least one, at most all).</summary>
    public int CountOf(int groupSize) =>
        Math.Clamp(Devices ?? (int)Math.Ceiling(groupSize * Percent!.Value / 100), 1, Math.Max(groupSize, 1));

    /// <inheritdoc/>
    public override string ToString() => Devices is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"{Percent!.Value.ToString(CultureInfo.InvariantCulture)}%";
}
