namespace EdgeFactory.Runtime.Motion;

/// <summary>How one skill of a robot kind moves its controllers, from the kind file's <c>motion.skills</c>: moves done one after the other.</summary>
/// <param name="Skill">Skill name as the task flows use it (e.g. <c>gripper.pick</c>).</param>
/// <param name="Moves">Its moves, in order.</param>
public sealed record MotionSkillDefinition(string Skill, IReadOnlyList<MotionMove> Moves);
