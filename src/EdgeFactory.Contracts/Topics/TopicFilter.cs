namespace EdgeFactory.Contracts.Topics;

/// <summary>MQTT topic-filter matching (<c>+</c> one level, <c>#</c> the rest), as a broker applies it to a topic name.</summary>
public static class TopicFilter
{
    /// <summary>Whether <paramref name="topic"/> (a topic name, no wildcards) matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        var f = filter.AsSpan();
        var t = topic.AsSpan();

        // A wildcard in a name is never a match: names with '+' or '#' cannot be published to, so treat them as hostile.
        if (t.IndexOfAny('+', '#') >= 0)
        {
            return false;
        }

        while (true)
        {
            var fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel is "#")
            {
                return true;
            }

            var tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fEnd < 0 || tEnd < 0)
            {
                // Both must end together, except that "a/#" also matches "a" (the parent level).
                return (fEnd < 0 && tEnd < 0) || (tEnd < 0 && f[(fEnd + 1)..] is "#");
            }

            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }
}
