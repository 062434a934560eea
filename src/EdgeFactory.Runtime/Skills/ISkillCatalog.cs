namespace EdgeFactory.Runtime.Skills;

/// <summary>Finds the implementation of a skill for one robot.</summary>
public interface ISkillCatalog
{
    /// <summary>The skill <paramref name="skill"/> as robot <paramref name="robotId"/> performs it.</summary>
    ISkill Resolve(string robotId, string skill);
}
