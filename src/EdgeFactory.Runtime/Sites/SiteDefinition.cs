namespace EdgeFactory.Runtime.Sites;

/// <summary>A site as described in <c>robots/sites/*.yaml</c>: which device runs it and which robots it hosts.</summary>
/// <param name="SiteId">Site id; the second level of every topic.</param>
/// <param name="DeviceId">Edge device id.</param>
/// <param name="Robots">Robots placed at the site.</param>
/// <param name="SourcePath">File it was loaded from.</param>
public sealed record SiteDefinition(string SiteId, string DeviceId, IReadOnlyList<RobotDefinition> Robots, string SourcePath)
{
    /// <summary>Limits, supervision and retention.</summary>
    public SiteSettings Settings { get; init; } = new();

    /// <summary>The robot with <paramref name="robotId"/>, or null.</summary>
    public RobotDefinition? Robot(string robotId) => Robots.FirstOrDefault(r => r.RobotId == robotId);
}
