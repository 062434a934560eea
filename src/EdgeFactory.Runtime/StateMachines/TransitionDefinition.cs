namespace EdgeFactory.Runtime.StateMachines;

/// <summary>An edge of a task's flow: on <paramref name="Trigger"/>, when <paramref name="Guard"/> holds, go to <paramref name="Target"/>.</summary>
/// <param name="Trigger">Skill outcome (<c>done</c> or one the skill names), or <see cref="Triggers.Failed"/> / <see cref="Triggers.Timeout"/>.</param>
/// <param name="Target">Next state, or one of the terminal states in <see cref="TerminalStates"/>.</param>
/// <param name="Guard">Condition on results and parameters; null always holds.</param>
public sealed record TransitionDefinition(string Trigger, string Target, Guard? Guard);
