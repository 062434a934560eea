namespace EdgeFactory.Runtime.Skills;

/// <summary>Every skill of every robot is simulated with that robot's <see cref="SimulationOptions"/>.</summary>
internal sealed class SimulatedSkillCatalog(IReadOnlyDictionary<string, SimulationOptions> robots, TimeProvider time) : ISkillCatalog
{
    private readonly Dictionary<string, SimulatedSkill> _skills = robots.ToDictionary(r => r.Key, r => new SimulatedSkill(r.Value, time), StringComparer.Ordinal);

    public ISkill Resolve(string robotId, string skill) =>
        _skills.TryGetValue(robotId, out var simulated) ? simulated : throw new ArgumentException($"No simulation is configured for robot '{robotId}'.", nameof(robotId));
}
