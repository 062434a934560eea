using EdgeFactory.Contracts.Robots;

namespace EdgeFactory.Runtime.Sites;

/// <summary>One robot placed at a site.</summary>
/// <param name="RobotId">Robot id, unique at the site.</param>
/// <param name="Kind">Robot family.</param>
/// <param name="Name">Name people use for it on the line.</param>
public sealed record RobotDefinition(string RobotId, RobotKind Kind, string Name);
