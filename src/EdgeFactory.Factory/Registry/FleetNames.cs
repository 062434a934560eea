using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Factory.Registry;

/// <summary>Site, device, group, slot and token names follow the rule of ids that become topic levels (<see cref="TopicSegment"/>).</summary>
public static class FleetNames
{
    /// <summary>Why <paramref name="value"/> cannot name a <paramref name="what"/>, or null when it can.</summary>
    public static string? Problem(string what, string? value) =>
        value is not null && TopicSegment.IsValid(value)
            ? null
            : $"'{value}' is not a {what} name: 1 to {TopicSegment.MaxLength} letters, digits, '_', '.', ':' or '-', starting with a letter or digit.";
}
