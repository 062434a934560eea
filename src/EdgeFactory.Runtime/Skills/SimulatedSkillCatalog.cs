namespace EdgeFactory.Runtime.Skills;

/// <summary>Every skill of every robot is simulated with that robot's <see cref="SimulationOptions"/>, and so are its driver's crashes.</summary>
internal sealed class SimulatedSkillCatalog(IReadOnlyDictionary<string, SimulationOptions> robots, TimeProvider time) : ISkillCatalog
{
    private readonly Dictionary<string, SimulatedSkill> _skills = robots.ToDictionary(r => r.Key, r => new SimulatedSkill(r.Value, time), StringComparer.Ordinal);

    public void OnTaskStarting(string robotId, string taskId)
    {
        if (robots.TryGetValue(robotId, out var simulation) && simulation.CrashRate > 0 && Random.Shared.NextDouble() < simulation.CrashRate)
        {
            throw new SimulatedDriverException($"Simulated driver of robot {robotId} crashed starting task {taskId}.");
        }
    }

    public ISkill Resolve(string robotId, string skill) =>
        _skills.TryGetValue(robotId, out var simulated) ? simulated : throw new ArgumentException($"No simulation is configured for robot '{robotId}'.", nameof(robotId));
}
