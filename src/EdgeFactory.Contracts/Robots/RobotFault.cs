namespace EdgeFactory.Contracts.Robots;

/// <summary>An active fault on a robot.</summary>
/// <param name="Code">Stable fault code.</param>
/// <param name="Message">What a line engineer should know and do.</param>
/// <param name="Since">When the fault was raised.</param>
public sealed record RobotFault(string Code, string Message, DateTimeOffset Since);
