namespace EdgeFactory.Runtime.Skills;

/// <summary>
/// Something a robot can do as one step of a task: locate a part, grasp, index the conveyor. Simulated drivers
/// implement it today; vision and policy loops will implement it behind the same interface.
/// </summary>
public interface ISkill
{
    /// <summary>Runs one attempt; <paramref name="cancellationToken"/> fires on timeout, cancel or shutdown.</summary>
    ValueTask<SkillResult> RunAsync(SkillContext context, CancellationToken cancellationToken);
}
