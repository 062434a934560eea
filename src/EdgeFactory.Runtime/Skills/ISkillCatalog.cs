namespace EdgeFactory.Runtime.Skills;

/// <summary>Finds the implementation of a skill for one robot.</summary>
public interface ISkillCatalog
{
    /// <summary>The skill <paramref name="skill"/> as robot <paramref name="robotId"/> performs it.</summary>
    ISkill Resolve(string robotId, string skill);

    /// <summary>
    /// Robot <paramref name="robotId"/> is about to start <paramref name="taskId"/>. A driver that cannot take it
    /// throws, which crashes the robot's agent for its supervisor to restart (simulated drivers do so at their
    /// <c>crash_rate</c>, as a supervision drill).
    /// </summary>
    void OnTaskStarting(string robotId, string taskId)
    {
    }
}
