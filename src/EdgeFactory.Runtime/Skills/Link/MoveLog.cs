using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>Log lines of the moves a <see cref="LinkedController"/> makes.</summary>
internal static partial class MoveLog
{
    [LoggerMessage(EventId = 5410, Level = LogLevel.Debug, Message = "Robot {Robot}: {Controller} settled on its target in {Milliseconds} ms ({WithinMilliseconds} ms until within tolerance, {PolicyVersion})")]
    public static partial void Settled(ILogger logger, string robot, string controller, long milliseconds, long withinMilliseconds, string policyVersion);
}
