namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// Skills of a site where some robots have a camera: <c>vision.inspect</c> and <c>vision.locate</c> of those robots read
/// their camera; every other skill, and those of robots without a camera, come from the catalog beneath (simulated, or
/// the robot link's).
/// </summary>
internal sealed class VisionSkillCatalog(SiteVision vision, ISkillCatalog beneath) : ISkillCatalog
{
    /// <summary>Name of the inspection skill in kind files.</summary>
    public const string Inspect = "vision.inspect";

    /// <summary>Name of the locating skill in kind files.</summary>
    public const string Locate = "vision.locate";

    private readonly InspectSkill _inspect = new(vision);
    private readonly LocateSkill _locate = new(vision);

    public ISkill Resolve(string robotId, string skill) => vision.HasCamera(robotId)
        ? skill switch
        {
            Inspect => _inspect,
            Locate => _locate,
            _ => beneath.Resolve(robotId, skill),
        }
        : beneath.Resolve(robotId, skill);

    public void OnTaskStarting(string robotId, string taskId) => beneath.OnTaskStarting(robotId, taskId);

    /// <summary><paramref name="catalog"/> with the cameras' skills on top when the site has <paramref name="vision"/>.</summary>
    public static ISkillCatalog Over(ISkillCatalog catalog, SiteVision? vision) => vision is null ? catalog : new VisionSkillCatalog(vision, catalog);
}
