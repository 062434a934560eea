namespace EdgeFactory.Runtime.Motion;

/// <summary>How a robot kind moves when its robots are on a robot link: its controllers and what each skill does with them.</summary>
/// <param name="Controllers">Controllers by name.</param>
/// <param name="Skills">Motion skills by skill name.</param>
public sealed record MotionDefinition(IReadOnlyDictionary<string, ControllerDefinition> Controllers, IReadOnlyDictionary<string, MotionSkillDefinition> Skills);
