using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// Skills of a site where some robots are on the robot link: their motion skills move their controllers, their
/// perception skills and every skill of the other robots stay simulated.
/// </summary>
internal sealed class LinkSkillCatalog(LinkedSite site, SimulatedSkillCatalog simulated) : ISkillCatalog
{
    private readonly Dictionary<(string Robot, string Skill), ISkill> _motions = [];
    private readonly Lock _gate = new();

    public ISkill Resolve(string robotId, string skill)
    {
        if (site.Robot(robotId) is not { } robot || RobotLinks.IsPerception(skill) || robot.Definition.Motion?.Skills.GetValueOrDefault(skill) is not { } motion)
        {
            return simulated.Resolve(robotId, skill);
        }

        lock (_gate)
        {
            if (!_motions.TryGetValue((robotId, skill), out var resolved))
            {
                resolved = new MotionSkill(robot, motion, site.IsEmergencyStopped);
                _motions[(robotId, skill)] = resolved;
            }

            return resolved;
        }
    }

    public void OnTaskStarting(string robotId, string taskId)
    {
        if (site.Robot(robotId) is { } robot)
        {
            robot.TaskStarting();
            return;
        }

        simulated.OnTaskStarting(robotId, taskId);
    }
}
